from django.urls import path

from accounts.views import people

urlpatterns = [
    path("taal/", people.language_switch, name="language"),
    path("mijn-teams/", people.my_teams, name="my_teams"),
]
