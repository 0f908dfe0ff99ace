app_name = "signals"
urlpatterns = []
