"""Root URLs, as in the site contract. The generic page route comes last."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from apps.bodymap import views as bodymap
from apps.caching import public_page
from apps.conditions import views as conditions
from apps.exercises import views as exercises
from apps.pages import views as pages
from apps.pages.sitemaps import SITEMAPS
from apps.search import views as search
from apps.selfcheck import views as selfcheck

# One robots.txt and one sitemap for the site: the sitemap lists every page in every
# language, with its alternates.
urlpatterns = [
    path("robots.txt", pages.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        csrf_exempt(require_safe(public_page(sitemap))),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    # The self-check as a FHIR Questionnaire: one resource, every language inside it.
    path(
        "fhir/Questionnaire/self-check",
        selfcheck.fhir_questionnaire,
        name="fhir-questionnaire",
    ),
]

# Every page in every language: English with no prefix, each other language under its
# code (/pl/...), with the same slugs and parameters (site contract, "Languages").
urlpatterns += i18n_patterns(
    path("", pages.home, name="home"),
    path("search/", search.search, name="search"),
    path("search.json", search.search_json, name="search-json"),
    path("glossary/", pages.glossary, name="glossary"),
    path("conditions/", conditions.index, name="conditions"),
    path("conditions/<slug:slug>/", conditions.detail, name="condition"),
    path("body-map/", bodymap.index, name="body-map"),
    path("body-map/<str:region_id>/", bodymap.region, name="body-map-region"),
    path("exercises/", exercises.index, name="exercises"),
    path("self-check/", selfcheck.start, name="self-check"),
    path("self-check/results/", selfcheck.results, name="self-check-results"),
    path("self-check/results.json", selfcheck.results_json, name="self-check-json"),
    path("self-check/summary/", selfcheck.summary, name="self-check-summary"),
    path("self-check/summary.svg", selfcheck.summary_qr, name="self-check-summary-qr"),
    path("self-check/results.fhir.json", selfcheck.results_fhir, name="self-check-fhir"),
    # Every file of content/pages/ (overview and urgent-help among them).
    path("<slug:slug>/", pages.page, name="page"),
    prefix_default_language=False,
)

handler400 = "apps.pages.views.bad_request"
handler403 = "apps.pages.views.forbidden"
handler404 = "apps.pages.views.not_found"
handler500 = "apps.pages.views.server_error"
