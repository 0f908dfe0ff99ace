from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from jongerenwerk import views

# The Django admin uses the app's own (throttled, MFA-enforcing) login: there is no second door.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Jongerenwerk"

urlpatterns = [
    path("", views.home, name="home"),
    path("gezond/", views.health, name="health"),
    path("account/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("meldingen/", include("notifications.urls")),
    path("audit/", include("audit.urls")),
    path("beleid/", include("policy.urls")),
    path("registratie/", include("registration.urls")),
    path("signalen/", include("signals.urls")),
    path("privacy/", include("privacy.urls")),
    path("django-admin/", admin.site.urls),
]

handler403 = "jongerenwerk.views.error_403"
handler404 = "jongerenwerk.views.error_404"
handler500 = "jongerenwerk.views.error_500"

if settings.DEBUG:
    urlpatterns += [path("403/", views.error_403), path("404/", views.error_404), path("500/", views.error_500)]
