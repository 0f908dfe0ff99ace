from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy en bewaartermijnen")

    def ready(self):
        from privacy.erasure import register_erasure_checks

        register_erasure_checks()
