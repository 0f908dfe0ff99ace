from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Mensen, teams en accounts")

    def ready(self):
        from allauth.mfa.signals import authentication_failed

        from accounts.adapters import audit_failed_second_factor

        authentication_failed.connect(audit_failed_second_factor, dispatch_uid="audit_failed_second_factor")
