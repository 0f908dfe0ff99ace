"""The one queryset pattern every team-owned model uses to scope itself to a person."""

from django.db import models


class TeamScopedQuerySet(models.QuerySet):
    """`visible_to(user)`: the rows of the teams this person may see (accounts.selectors)."""

    team_lookup = "team"

    def visible_to(self, user):
        from accounts.selectors import visible_team_ids

        return self.filter(**{f"{self.team_lookup}__in": visible_team_ids(user)})


class OrganisationScopedQuerySet(models.QuerySet):
    """`visible_to(user)`: the rows of this person's own organisation."""

    organisation_lookup = "organisation"

    def visible_to(self, user):
        if not user.is_authenticated or user.organisation_id is None:
            return self.none()
        return self.filter(**{self.organisation_lookup: user.organisation_id})
