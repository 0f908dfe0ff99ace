from django.urls import path

from accounts.views import outreach as views

urlpatterns = [
    path("doelgroepen/", views.target_group_list_view, name="target_group_list"),
    path("doelgroepen/nieuw/", views.target_group_create, name="target_group_create"),
    path("doelgroepen/matrix/", views.outreach_matrix_view, name="matrix"),
    path("doelgroepen/<int:pk>/", views.target_group_detail, name="target_group_detail"),
    path("doelgroepen/<int:pk>/bewerken/", views.target_group_edit, name="target_group_edit"),
    path("doelgroepen/<int:pk>/archiveren/", views.target_group_archive, name="target_group_archive"),
    path("doelgroepen/<int:pk>/platforms/<int:platform_pk>/", views.platform_usage_edit, name="platform_usage_edit"),
    path("doelgroepen/<int:pk>/personas/nieuw/", views.persona_create, name="persona_create"),
    path("personas/<int:pk>/bewerken/", views.persona_edit, name="persona_edit"),
    path("personas/<int:pk>/verwijderen/", views.persona_delete, name="persona_delete"),
    path("platformaccounts/", views.account_list, name="account_list"),
    path("platformaccounts/aanvragen/", views.account_request, name="account_request"),
    path("platformaccounts/<int:pk>/", views.account_detail, name="account_detail"),
    path("platformaccounts/<int:pk>/bewerken/", views.account_edit, name="account_edit"),
    path("platformaccounts/<int:pk>/goedkeuren/", views.account_approve, name="account_approve"),
    path("platformaccounts/<int:pk>/afwijzen/", views.account_reject, name="account_reject"),
    path("platformaccounts/<int:pk>/in-gebruik/", views.account_activate, name="account_activate"),
    path("platformaccounts/<int:pk>/controle/", views.account_review_confirm, name="account_review_confirm"),
    path("platformaccounts/<int:pk>/archiveren/", views.account_archive, name="account_archive"),
    path("platformaccounts/<int:pk>/overdragen/", views.account_transfer, name="account_transfer"),
    path("platforms/", views.platform_list, name="platform_list"),
    path("platforms/nieuw/", views.platform_create, name="platform_create"),
    path("platforms/<int:pk>/uit-gebruik/", views.platform_retire, name="platform_retire"),
]
