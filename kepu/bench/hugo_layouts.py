"""A minimal Hugo layout equivalent to the kepu theme, for a fair build comparison.

Each template renders what its kepu counterpart renders from the same page
data (themes/kepu/templates): head with canonical, hreflang and MedicalWebPage
JSON-LD; breadcrumb; body; comic panels with speech bubbles; key points and
red flags; case-story timeline; the trust block (reviewer, dates, references,
funding, disclaimer); disease hubs listing their pages; expert and disease
taxonomy pages; RSS, Atom and JSON Feed for home, hubs and terms.
"""

CONFIG = """\
baseURL = "{base_url}"
title = "科普"
defaultContentLanguage = "zh"
defaultContentLanguageInSubdir = true
hasCJKLanguage = true
enableRobotsTXT = true
disableKinds = ["404"]

[languages.zh]
  locale = "zh-CN"
  contentDir = "content/zh"
  title = "科普"
  weight = 1
[languages.en]
  locale = "en"
  contentDir = "content/en"
  title = "Kepu Health Explained"
  weight = 2

[taxonomies]
  disease = "diseases"
  expert = "experts"

[mediaTypes."application/atom+xml"]
  suffixes = ["xml"]
[mediaTypes."application/feed+json"]
  suffixes = ["json"]
[outputFormats.atom]
  mediaType = "application/atom+xml"
  baseName = "atom"
[outputFormats.jsonfeed]
  mediaType = "application/feed+json"
  baseName = "feed"
  isPlainText = true
[outputs]
  home = ["html", "rss", "atom", "jsonfeed"]
  section = ["html", "rss", "atom", "jsonfeed"]
  term = ["html", "rss", "atom", "jsonfeed"]
  taxonomy = ["html"]
[services.rss]
  limit = {max_items}
[markup.goldmark.renderer]
  unsafe = false
"""

BASEOF = """\
<!DOCTYPE html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ site.Title }}</title>
<meta name="description" content="{{ with .Params.kepu }}{{ .summary }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Locale }}" href="{{ .Permalink }}">
{{ end }}<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
<link rel="stylesheet" href="/theme/css/kepu.css">
{{ range .AlternativeOutputFormats }}<link rel="alternate" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">
{{ end }}{{ block "jsonld" . }}{{ end }}
</head>
<body>
<header class="site-header"><a class="brand" href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
{{ range .Translations }}<a class="lang-switch" href="{{ .RelPermalink }}" hreflang="{{ .Language.Locale }}">{{ .Language.Lang }}</a>{{ end }}
<nav><ul><li><a href="{{ site.Home.RelPermalink }}">Home</a></li><li><a href="{{ site.Home.RelPermalink }}experts/">Experts</a></li></ul></nav>
<form role="search" action="{{ site.Home.RelPermalink }}search/"><input type="search" name="q"><button>Search</button></form>
</header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><p class="disclaimer">{{ if eq site.Language.Lang "zh" }}本站内容仅供健康科普，不能替代医生的诊断和治疗。{{ else }}This content is for health education and is not a substitute for medical advice.{{ end }}</p></footer>
</body>
</html>
"""

TRUST = """\
{{ $k := .Params.kepu }}{{ $so := $k.signoff }}{{ $expert := index site.Data.experts $so.expert }}
<section class="trust">
<dl class="facts">
<div><dt>Author</dt><dd>{{ $k.author.name }}</dd></div>
<div><dt>Reviewed by</dt><dd class="reviewer"><a href="{{ site.Home.RelPermalink }}experts/{{ $so.expert }}/">{{ if and (eq site.Language.Lang "en") $expert.name_en }}{{ $expert.name_en }}{{ else }}{{ $so.expert_name }}{{ end }}</a>, {{ $so.credentials }}<br>{{ $so.specialty }}</dd></div>
<div><dt>Reviewed</dt><dd><time datetime="{{ substr $so.signed_at 0 10 }}">{{ (time $so.signed_at).Format "2006-01-02" }}</time></dd></div>
<div><dt>Next review</dt><dd><time datetime="{{ $so.next_review }}">{{ $so.next_review }}</time></dd></div>
<div><dt>Audience</dt><dd>{{ $k.audience }}</dd></div>
</dl>
<p class="meaning">{{ $so.meaning }}</p>
<ol class="refs">{{ range $k.references }}<li><a href="{{ .url }}" rel="noopener">{{ .title }}</a>. {{ .publisher }}, {{ .year }}.</li>{{ end }}</ol>
{{ with $k.sponsor }}{{ with index site.Data.sponsors . }}<p class="sponsor">{{ .disclosure }}</p><p>{{ .independence_statement }}</p>{{ end }}{{ else }}<p class="sponsor">No sponsor.</p>{{ end }}
{{ with $k.ai_disclosure }}<p class="ai">{{ . }}</p>{{ end }}
</section>
"""

CARD = """\
{{ $so := .Params.kepu.signoff }}<li class="card"><a href="{{ .RelPermalink }}"><span class="card-kind">{{ .Params.kepu.type }}</span><span class="card-title">{{ .Title }}</span></a>
<p>{{ .Params.kepu.summary }}</p><p class="card-meta">{{ $so.expert_name }} · <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time></p></li>
"""

PAGE = """\
{{ define "jsonld" }}<script type="application/ld+json">{{ $k := .Params.kepu }}{{ dict "@context" "https://schema.org" "@type" "MedicalWebPage" "name" .Title "description" $k.summary "url" .Permalink "inLanguage" site.Language.Locale "lastReviewed" (substr $k.signoff.signed_at 0 10) "reviewedBy" (dict "@type" "Person" "name" $k.signoff.expert_name) "specialty" $k.specialty "citation" $k.references | jsonify | safeJS }}</script>{{ end }}
{{ define "main" }}{{ $k := .Params.kepu }}
<article class="wrap content-page {{ $k.type }}">
<nav class="crumbs"><ol><li><a href="{{ site.Home.RelPermalink }}">Home</a></li>{{ with .Parent }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}<li aria-current="page">{{ .Title }}</li></ol></nav>
<h1>{{ .Title }}</h1>
<p class="summary">{{ $k.summary }}</p>
<div class="prose">{{ .Content }}</div>
{{ with $k.panels }}<section class="comic"><ol class="panels">{{ range $i, $p := . }}
<li class="panel"><figure><img src="/{{ $p.image }}" alt="{{ $p.alt }}" width="{{ $p.width }}" height="{{ $p.height }}"{{ if $i }} loading="lazy"{{ end }} decoding="async"><figcaption>{{ add $i 1 }} {{ $p.caption }}</figcaption></figure>
<ul class="bubbles">{{ range $p.bubbles }}{{ $c := index site.Data.characters .character }}<li class="bubble"><span class="speaker">{{ if eq site.Language.Lang "en" }}{{ $c.name_en }}{{ else }}{{ $c.name }}{{ end }}</span><span class="said">{{ .text }}</span></li>{{ end }}</ul></li>{{ end }}
</ol></section>{{ end }}
{{ with $k.key_points }}<section class="key-points"><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul></section>{{ end }}
{{ with $k.red_flags }}<section class="red-flags"><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul></section>{{ end }}
{{ with $k.patient }}<dl class="patient"><div><dt>Patient</dt><dd>{{ .age_band }} · {{ .sex }}</dd></div></dl>{{ end }}
{{ with $k.timeline }}<ol class="timeline">{{ range . }}<li class="step step-{{ .stage }}"><p class="step-head"><span class="stage">{{ .stage }}</span> <span class="when">{{ .when }}</span></p><p>{{ .text }}</p></li>{{ end }}</ol>{{ end }}
{{ with $k.lessons }}<section class="key-points"><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul></section>{{ end }}
{{ with $k.consent_ref }}<p class="consent">{{ . }}</p>{{ end }}
{{ partial "trust.html" . }}
</article>
{{ end }}
"""

SECTION = """\
{{ define "main" }}{{ $k := .Params.kepu }}
<article class="wrap content-page hub">
<h1>{{ .Title }}</h1>
<p class="summary">{{ $k.summary }}</p>
{{ with $k.synonyms }}<dl class="hub-facts"><div><dt>Also called</dt><dd>{{ delimit . ", " }}</dd></div><div><dt>ICD-10</dt><dd>{{ $k.icd10 }}</dd></div></dl>{{ end }}
<div class="prose">{{ .Content }}</div>
{{ $pages := .Pages }}
<section><h2>Explainers</h2><ul class="cards">{{ range where $pages "Params.kepu.type" "explainer" }}{{ partial "card.html" . }}{{ end }}</ul></section>
<section><h2>Stories</h2><ul class="cards">{{ range where $pages "Params.kepu.type" "case_story" }}{{ partial "card.html" . }}{{ end }}</ul></section>
{{ if $k }}{{ partial "trust.html" . }}{{ end }}
</article>
{{ end }}
"""

HOME = """\
{{ define "main" }}
<div class="wrap home"><h1>{{ site.Title }}</h1>
<section><h2>Featured</h2><ul class="cards">{{ range first 6 (where site.RegularPages.ByDate.Reverse "Params.kepu.type" "ne" "disease") }}{{ partial "card.html" . }}{{ end }}</ul></section>
<section><h2>Conditions</h2><ul class="hub-list">{{ range site.Sections.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></section>
</div>
{{ end }}
"""

TAXONOMY = """\
{{ define "main" }}<div class="wrap"><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }})</li>{{ end }}</ul></div>{{ end }}
"""

TERM = """\
{{ define "main" }}{{ $expert := index site.Data.experts .Data.Term }}
<div class="wrap"><h1>{{ with $expert }}{{ .name }} · {{ .title }} · {{ .hospital }}{{ else }}{{ .Title }}{{ end }}</h1>
{{ with $expert }}<p class="bio">{{ .bio }}</p><p>{{ .disclosure }}</p>{{ end }}
<ul class="cards">{{ range .Pages }}{{ partial "card.html" . }}{{ end }}</ul></div>
{{ end }}
"""

ATOM = """\
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{{ site.Language.Locale }}"><title>{{ .Title }} | {{ site.Title }}</title>
<link href="{{ .Permalink }}" rel="alternate"/><id>{{ .Permalink }}</id><updated>{{ now.Format "2006-01-02T15:04:05Z07:00" }}</updated>
{{ range first {max_items} (where .RegularPages.ByDate.Reverse "Params.kepu.type" "ne" "disease") }}<entry><title>{{ .Title }}</title><link href="{{ .Permalink }}" rel="alternate"/><id>{{ .Permalink }}</id>
<updated>{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}</updated><author><name>{{ .Params.kepu.author.name }}</name></author><summary type="html">{{ .Params.kepu.summary }}</summary>
<content type="html">{{ .Content | html }}</content></entry>
{{ end }}</feed>
"""

JSONFEED = """\
{{- $items := slice -}}
{{- range first {max_items} (where .RegularPages.ByDate.Reverse "Params.kepu.type" "ne" "disease") -}}
{{- $k := .Params.kepu -}}
{{- $items = $items | append (dict "id" .Permalink "url" .Permalink "title" .Title "summary" $k.summary "content_html" .Content "date_published" (.Date.Format "2006-01-02T15:04:05Z07:00") "tags" $k.topics "_kepu" (dict "reviewer" $k.signoff.expert_name "nextReview" $k.signoff.next_review "contentHash" $k.signoff.content_hash)) -}}
{{- end -}}
{{- dict "version" "https://jsonfeed.org/version/1.1" "title" .Title "home_page_url" .Permalink "items" $items | jsonify (dict "indent" " ") -}}
"""


def files(base_url: str, max_items: int) -> dict[str, str]:
    """Relative path → text of hugo.toml and every layout file."""
    return {
        "hugo.toml": CONFIG.format(base_url=base_url, max_items=max_items),
        "layouts/baseof.html": BASEOF,
        "layouts/page.html": PAGE,
        "layouts/section.html": SECTION,
        "layouts/home.html": HOME,
        "layouts/taxonomy.html": TAXONOMY,
        "layouts/term.html": TERM,
        "layouts/list.atom.xml": ATOM.replace("{max_items}", str(max_items)),
        "layouts/list.jsonfeed.json": JSONFEED.replace("{max_items}", str(max_items)),
        "layouts/_partials/trust.html": TRUST,
        "layouts/_partials/card.html": CARD,
    }
