from django.urls import path

from accounts.views import people

urlpatterns = [
    path("taal/", people.language_switch, name="language"),
    path("mijn-teams/", people.my_teams, name="my_teams"),
    path("beheer/teams/", people.team_list, name="team_list"),
    path("beheer/teams/<int:pk>/", people.team_edit, name="team_edit"),
    path("beheer/mensen/", people.member_list_view, name="member_list"),
    path("beheer/mensen/<int:pk>/", people.member_detail, name="member_detail"),
    path("beheer/mensen/<int:pk>/rollen/", people.member_roles, name="member_roles"),
    path("beheer/mensen/<int:pk>/activering/", people.member_activation, name="member_activation"),
    path("beheer/uitnodigingen/", people.invitation_list, name="invitation_list"),
    path("beheer/uitnodigingen/<int:pk>/intrekken/", people.invitation_revoke, name="invitation_revoke"),
    path("uitnodiging/<str:token>/", people.invitation_accept, name="invitation_accept"),
]
