"""The Django admin for operators. Day-to-day management happens in the app (`/beheer/`)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, Membership, Organisation, Team, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("team",)


class UserCreationInAdminForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "organisation")


class UserChangeInAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = UserCreationInAdminForm
    form = UserChangeInAdminForm
    ordering = ("email",)
    list_display = ("email", "full_name", "organisation", "is_active", "is_staff")
    list_filter = ("is_active", "is_staff", "organisation")
    search_fields = ("email", "full_name")
    list_select_related = ("organisation",)
    inlines = (MembershipInline,)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Persoon"), {"fields": ("full_name", "organisation", "language")}),
        (_("Toegang"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Data"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "organisation", "password1", "password2")}),
    )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "created_at")
    search_fields = ("name",)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation")
    list_filter = ("organisation",)
    search_fields = ("name",)
    list_select_related = ("organisation",)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "organisation", "team", "role", "created_at", "expires_at", "accepted_at", "revoked_at")
    list_filter = ("organisation", "role")
    search_fields = ("email",)
    readonly_fields = ("token", "accepted_at", "accepted_by", "invited_by")
    list_select_related = ("organisation", "team")
