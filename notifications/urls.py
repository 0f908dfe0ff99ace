from django.urls import path

from notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_index, name="list"),
    path("gelezen/", views.notification_read_all, name="read_all"),
]
