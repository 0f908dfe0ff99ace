from django.urls import path

from signals.views import corrections, intervision, settings, signal

app_name = "signals"
urlpatterns = [
    path("", signal.signal_mine, name="list"),
    path("melden/", signal.signal_report, name="report"),
    path("wachtrij/", signal.signal_queue, name="queue"),
    path("cijfers/", signal.signal_statistics, name="statistics"),
    path("cijfers/export/", signal.signal_statistics_export, name="statistics_export"),
    path("<int:pk>/", signal.signal_detail, name="detail"),
    path("<int:pk>/acuut/", signal.signal_acute, name="acute"),
    path("<int:pk>/beoordelen/", signal.signal_triage, name="triage"),
    path("<int:pk>/stap/<str:kind>/", signal.signal_step, name="step"),
    path("<int:pk>/afwegingskader/", signal.signal_weigh, name="weigh"),
    path("<int:pk>/beslissen/", signal.signal_decide, name="decide"),
    path("<int:pk>/sluiten/aanvragen/", signal.signal_close_request, name="close_request"),
    path("<int:pk>/sluiten/goedkeuren/", signal.signal_close_approve, name="close_approve"),
    path("<int:pk>/sluiten/afwijzen/", signal.signal_close_refuse, name="close_refuse"),
    path("<int:pk>/heropenen/", signal.signal_reopen, name="reopen"),
    path("<int:pk>/behandelaar/", corrections.signal_handler_change, name="handler_change"),
    path("<int:pk>/corrigeren/", corrections.signal_correct, name="correct"),
    path("instellingen/", settings.signal_settings, name="settings"),
    path("instellingen/categorieen/nieuw/", settings.category_add, name="category_add"),
    path("instellingen/categorieen/<int:pk>/", settings.category_edit, name="category_edit"),
    path("instellingen/categorieen/<int:pk>/in-gebruik/", settings.category_active, name="category_active"),
    path("instellingen/categorieen/<int:pk>/verwijderen/", settings.category_delete, name="category_delete"),
    path("intervisie/", intervision.session_list, name="session_list"),
    path("intervisie/nieuw/", intervision.session_create, name="session_create"),
    path("intervisie/<int:pk>/", intervision.session_detail, name="session_detail"),
    path("intervisie/<int:pk>/agenda/", intervision.agenda_add, name="agenda_add"),
    path("intervisie/<int:pk>/agenda/<int:item_pk>/", intervision.item_record, name="item_record"),
    path("intervisie/<int:pk>/agenda/<int:item_pk>/actie/", intervision.action_add, name="action_add"),
    path("intervisie/<int:pk>/vaststellen/", intervision.session_finalise, name="session_finalise"),
    path("intervisie/<int:pk>/agenda.ics", intervision.session_ics, name="session_ics"),
    path("acties/<int:pk>/", intervision.action_finish, name="action_finish"),
]
