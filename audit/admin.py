from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only (the database refuses changes too)."""

    list_display = ("at", "organisation", "actor", "action", "object_type", "object_id", "ip")
    list_filter = ("action", "organisation")
    search_fields = ("object_type", "object_id", "actor__email")
    date_hierarchy = "at"
    list_select_related = ("actor", "organisation")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
