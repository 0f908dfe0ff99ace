"""Admin for the organisation's own settings only: categories and response deadlines. Signals are not in the admin
(need-to-know applies there too)."""

from django.contrib import admin

from signals.models import SignalCategory, SignalSettings


@admin.register(SignalCategory)
class SignalCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "order", "is_active")
    list_filter = ("organisation", "is_active")


@admin.register(SignalSettings)
class SignalSettingsAdmin(admin.ModelAdmin):
    list_display = ("organisation", "acute_minutes", "high_minutes", "normal_minutes")
