from django.urls import path

from policy.views import acknowledgements, documents, posts, reports

app_name = "policy"
urlpatterns = [
    path("", documents.document_list, name="list"),
    path("nieuw/", documents.document_create, name="document_create"),
    path("<int:pk>/", documents.document_detail, name="document_detail"),
    path("<int:pk>/bewerken/", documents.document_edit, name="document_edit"),
    path("<int:pk>/aansluiting-bevestigen/", documents.document_confirm_fit, name="document_confirm_fit"),
    path("<int:pk>/nieuwe-versie/", documents.version_create, name="version_create"),
    path("<int:pk>/vergelijken/", documents.version_compare, name="version_compare"),
    path("versies/<int:pk>/", documents.version_detail, name="version_detail"),
    path("versies/<int:pk>/bewerken/", documents.version_edit, name="version_edit"),
    path("versies/<int:pk>/review-vragen/", documents.version_submit, name="version_submit"),
    path("versies/<int:pk>/goedkeuren/", documents.version_approve, name="version_approve"),
    path("versies/<int:pk>/terugsturen/", documents.version_send_back, name="version_send_back"),
    path("versies/<int:pk>/publiceren/", documents.version_publish, name="version_publish"),
    path("bevestigen/", acknowledgements.acknowledge_next, name="acknowledge_next"),
    path("bevestigen/<int:pk>/", acknowledgements.acknowledge, name="acknowledge"),
    path("bevestigen/<int:pk>/later/", acknowledgements.acknowledge_postpone, name="acknowledge_postpone"),
    path("kennisname/", reports.report, name="report"),
    path("kennisname/<int:pk>/", reports.report_version, name="report_version"),
    path("kennisname/<int:pk>/csv/", reports.report_version_csv, name="report_version_csv"),
    path("berichten/", posts.post_list, name="post_list"),
    path("berichten/nieuw/", posts.post_create, name="post_create"),
    path("berichten/<int:pk>/", posts.post_detail, name="post_detail"),
    path("berichten/<int:pk>/goedkeuren/", posts.post_approve, name="post_approve"),
    path("berichten/<int:pk>/terugsturen/", posts.post_send_back, name="post_send_back"),
    path("berichten/<int:pk>/opnieuw-indienen/", posts.post_resubmit, name="post_resubmit"),
]
