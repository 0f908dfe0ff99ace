from django.urls import path

from registration.views import agreements, dashboard, entries, periods, reports, themes, young_people

app_name = "registration"
urlpatterns = [
    path("", entries.week, name="week"),
    path("contact/snel/", entries.contact_quick, name="contact_quick"),
    path("contact/nieuw/", entries.contact_create, name="contact_create"),
    path("contact/<int:pk>/", entries.contact_detail, name="contact_detail"),
    path("contact/<int:pk>/wijzigen/", entries.contact_edit, name="contact_edit"),
    path("contact/<int:pk>/verwijderen/", entries.contact_delete, name="contact_delete"),
    path("contact/<int:pk>/vervolgactie-klaar/", entries.contact_follow_up_done, name="contact_follow_up_done"),
    path("tijd/nieuw/", entries.time_entry_create, name="time_entry_create"),
    path("tijd/<int:pk>/wijzigen/", entries.time_entry_edit, name="time_entry_edit"),
    path("tijd/<int:pk>/verwijderen/", entries.time_entry_delete, name="time_entry_delete"),
    path("jongeren/", young_people.young_person_list, name="young_person_list"),
    path("jongeren/nieuw/", young_people.young_person_create, name="young_person_create"),
    path("jongeren/<int:pk>/", young_people.young_person_detail, name="young_person_detail"),
    path("jongeren/<int:pk>/wijzigen/", young_people.young_person_edit, name="young_person_edit"),
    path("jongeren/<int:pk>/samenvoegen/", young_people.young_person_merge, name="young_person_merge"),
    path("jongeren/<int:pk>/exporteren/", young_people.young_person_export, name="young_person_export"),
    path("jongeren/<int:pk>/wissen/", young_people.young_person_erase, name="young_person_erase"),
    path("overzicht/", dashboard.dashboard, name="dashboard"),
    path("maanden/", periods.month_list, name="month_list"),
    path("maanden/<int:team_id>/<str:month>/", periods.month_detail, name="month_detail"),
    path("maanden/<int:team_id>/<str:month>/goedkeuren/", periods.month_approve, name="month_approve"),
    path("maanden/<int:team_id>/<str:month>/heropenen/", periods.month_reopen, name="month_reopen"),
    path("opdrachten/", agreements.agreement_list, name="agreement_list"),
    path("opdrachten/nieuw/", agreements.agreement_create, name="agreement_create"),
    path("opdrachten/<int:pk>/wijzigen/", agreements.agreement_edit, name="agreement_edit"),
    path("themas/", themes.theme_list, name="theme_list"),
    path("themas/<int:pk>/aan-uit/", themes.theme_toggle, name="theme_toggle"),
    path("budget/<int:team_id>/", agreements.budget_team, name="budget_team"),
    path("rapport/", reports.report, name="report"),
    path("rapport/export/<str:fmt>/", reports.report_export, name="report_export"),
    path("export/<int:pk>/", reports.export_status, name="export_status"),
    path("export/<int:pk>/download/", reports.export_download, name="export_download"),
]
