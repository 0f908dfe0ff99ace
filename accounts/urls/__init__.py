from accounts.urls.outreach import urlpatterns as outreach_urlpatterns
from accounts.urls.people import urlpatterns as people_urlpatterns

app_name = "accounts"
urlpatterns = [*people_urlpatterns, *outreach_urlpatterns]
