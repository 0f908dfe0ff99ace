app_name = "policy"
urlpatterns = []
