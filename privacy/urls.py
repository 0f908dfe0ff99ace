from django.urls import path

from privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.privacy_index, name="index"),
    path("bewaartermijnen/", views.retention_settings, name="retention"),
    path("bewaarplicht/nieuw/", views.hold_place, name="hold_place"),
    path("bewaarplicht/<int:pk>/opheffen/", views.hold_release, name="hold_release"),
    path("vernietigd/", views.destruction_list, name="destruction_list"),
    path("inzage/jongere/<int:young_person_id>/", views.young_person_access, name="young_person_access"),
    path("inzage/jongere/<int:young_person_id>/csv/", views.young_person_access_csv, name="young_person_access_csv"),
    path("inzage/medewerker/<int:pk>/", views.worker_access, name="worker_access"),
    path("inzage/medewerker/<int:pk>/csv/", views.worker_access_csv, name="worker_access_csv"),
    path("jongere/<int:young_person_id>/json/", views.young_person_json, name="young_person_json"),
    path("jongere/<int:young_person_id>/pdf/", views.young_person_pdf, name="young_person_pdf"),
]
