"""The signing form's country list: Django's select, its HTML kept per process and language."""

from django import forms
from django.test.signals import template_rendered
from django.utils import translation

from undersigned.cosigners.forms import SignAsPersonForm, country_choices


def rendered_templates(action) -> tuple[object, list[str]]:
    names = []

    def note(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(note)
    try:
        return action(), names
    finally:
        template_rendered.disconnect(note)


def test_the_country_list_is_django_s_select_rendered_once_per_language(opening):
    field = SignAsPersonForm(opening=opening)["country"]
    plain = forms.Select(choices=country_choices()).render("country", None, {"id": "id_country"})
    first, _names = rendered_templates(field.as_widget)

    again, names = rendered_templates(SignAsPersonForm(opening=opening)["country"].as_widget)

    assert again == first == plain
    assert names == []  # not through the form templates again
    with translation.override("fr"):
        french = SignAsPersonForm(opening=opening)["country"].as_widget()
    assert '<option value="DE">Allemagne</option>' in french
    assert '<option value="DE">Germany</option>' in first


def test_a_chosen_country_is_rendered_as_chosen(opening):
    form = SignAsPersonForm({"country": "FR"}, opening=opening)

    html = form["country"].as_widget()

    assert '<option value="FR" selected>France</option>' in html
