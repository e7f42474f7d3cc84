"""The translations panel on a statement's drafting page, for the people who may translate."""

from django import template

from undersigned.drafting.translation import translator_languages
from undersigned.drafting.translation_forms import panel_context
from undersigned.statements.models import Statement

register = template.Library()


@register.inclusion_tag("drafting/_translation_panel.html", takes_context=True)
def translation_panel(context: template.Context, statement: Statement) -> dict:
    request = context["request"]
    if translator_languages(request.user, statement) == set():
        return {"overview": None}  # a delegate who translates nothing here sees nothing
    return {
        "statement": statement,
        "csrf_token": context.get("csrf_token"),
        "perms": context.get("perms"),
        **panel_context(statement, user=request.user),
    }
