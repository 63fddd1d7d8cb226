# ketluan's messages in English. Every id here is also in locales/vi/ketluan.ftl,
# with the same arguments (tests/catalogue.rs checks it).

## Words shared by several messages

list-or = {" "}or{" "}
count-problems = { $count ->
    [one] { $count } problem
   *[other] { $count } problems
}

## Diagnostics: the frame around every problem

severity-error = error
severity-warning = warning
diagnostic-help = help: { $help }
diagnostic-see = see: { $command }

## Diagnostics: what is wrong

problem-unreadable = cannot read: { $reason }
problem-not-a-site = site.yaml not found in { $dir } (is this a ketluan site?)
problem-no-content = no content/ folder in { $dir }
problem-symbolic-link = symbolic links are not followed
problem-not-utf8 = the file is not valid UTF-8
problem-legacy-encoding = the file is in { $encoding }, not UTF-8
problem-too-large = the file is { $size } MB; a content file may have at most { $limit } MB
problem-front-matter-missing = no front matter: a conclusion starts with a `---` line
problem-front-matter-unclosed = the front matter opened here is never closed by a `---` line
problem-yaml-syntax = YAML syntax error: { $reason }
problem-duplicate-key = the key `{ $key }` is given twice (first on line { $line })
problem-unknown-key = unknown key `{ $key }`
problem-missing-key = missing required key `{ $key }`
problem-empty-value = the key `{ $key }` has no value
problem-wrong-type = `{ $key }` must be { $expected }
problem-invalid-date = invalid date { $value }: { $reason }
problem-unknown-province = unknown province { $name }
problem-invalid-slug = invalid slug { $slug }: { $reason }
problem-duplicate-slug = slug `{ $slug }` is also used by { $other }
problem-attachment = attachment { $name }: { $reason }
problem-invalid-value = invalid value for `{ $key }`: { $value }
problem-output = cannot write the output: { $reason }
problem-classified = classified document: { $reason }
problem-file-exists = the file already exists; it was left as it is
problem-not-an-article = { $reason }; nothing was imported
problem-folder-not-empty = the folder is not empty ({ $what })
problem-date-in-future = the date { $date } is in the future
problem-date-too-early = the date { $date } is before 1930
problem-province-not-in-force = { $name } did not exist on { $date }: { $why }
problem-document-after-conclusion = cites { $number }, issued { $issued }, after this meeting ({ $date })
problem-registry-mismatch = { $number }: the text gives the { $what } { $text }, the registry (line { $line }) says { $registry }
problem-duplicate-conclusion = same province, date and title as { $other }
problem-empty-body = the body is empty
problem-title-too-long = the title has { $chars } characters, more than { $max }
problem-summary-too-long = the summary has { $chars } characters, more than { $max }
problem-broken-link = broken link `{ $target }`: { $reason }
problem-unused-template = `templates/{ $name }` has no effect: the theme has no template of that name and no template includes it
problem-unpublished-file = this file is not published: { $reason }

## Diagnostics: how to fix it

help-unreadable = check the file's permissions
help-not-a-site = run ketluan in the site's folder or pass `--root DIR`; `ketluan init DIR` makes a new site
help-no-content = make a content/ folder beside site.yaml for the conclusions, or pass `--root DIR` to name the site's folder
help-symbolic-link = copy { $what } instead
help-too-large = split the text into several conclusions, or attach the long document as a file (PDF) instead of pasting it
help-not-utf8 = save the file as UTF-8 (in Notepad: Save As → Encoding: UTF-8; files in TCVN3 or VNI must be converted with Unikey's converter first)
help-legacy-encoding = convert it to UTF-8: `ketluan check --fix` does it for content files and site.yaml (or in Notepad: Save As → Encoding: UTF-8, after Unikey's converter for TCVN3 or VNI)
encoding-tcvn3-as-latin1 = TCVN3 (ABC) that was saved again as Latin-1 text
help-front-matter-missing = start the file with a `---` line, the keys (title, date, province…), and another `---` line before the text
help-front-matter-unclosed = add a line containing only `---` after the last key
help-yaml-syntax = check indentation and quoting: put values containing `:` or `#` in double quotes
help-duplicate-key = keep one `{ $key }:` line and delete the other
help-key-needs-space = put a space after `{ $key }:`, as in `{ $key }: …`
help-did-you-mean = did you mean `{ $suggestion }`?
help-did-you-mean-any = did you mean { $suggestions }?
help-unknown-theme-key = remove it, or spell it as in the theme's file of the same name
help-known-keys = known keys are: { $keys }
help-missing-key = add `{ $key }: …` to { $within }
help-empty-value = write the value after `{ $key }:` on its line
help-invalid-date = write the date as YYYY-MM-DD (2021-11-01) or day first D/M/YYYY (1/11/2021)
help-unknown-province = use the name of a province or centrally-run city, e.g. `Hà Tĩnh`
help-invalid-document-number = write the number as printed on the document, e.g. `05-NQ/TU` or `108/QĐ-UBND`
help-invalid-slug = use lower-case ASCII letters, digits and `-` only, e.g. `ket-luan-hoi-nghi`
help-duplicate-slug = give one of the two files another name or a distinct `slug:`
help-expected = expected { $expected }
help-template = fix the template; a site template in templates/ overrides the theme's
help-classified = a document with a secrecy mark (MẬT, TỐI MẬT, TUYỆT MẬT) or a circulation limit (LƯU HÀNH NỘI BỘ) must never be published: { $fix }
help-not-an-article = open the article, copy its text (title, date line and body) into a .txt file and import that
help-encoding = save the article as UTF-8 (in Notepad: Save As → Encoding: UTF-8), or convert it to Unicode with Unikey's converter (VNI, VIQR…)
help-file-exists = edit the existing file, or change the title or date to make another
help-folder-not-empty = name a new or empty folder, or add --force to add the site's files beside what is there (files of the same name are kept as they are)
help-date-in-future = write the meeting's date; check the year and the day/month order
help-date-too-early = check the year: provincial committees' conclusions start in 1930
help-province-not-in-force-use = write `province: { $province }`, or check the date
help-province-not-in-force = check the province and the date
help-document-after-conclusion = check the document's number and issue date, and the meeting's date
help-registry-mismatch = correct the text or the registry, content/_documents.yaml; if they are two documents (Party numbering restarts each term), give each its own entry
help-duplicate-conclusion = remove one of the two files, or correct its title, date or province
help-empty-body = paste the conclusion's text after the closing `---` line
help-title-too-long = shorten the title; put the rest in `summary`
help-summary-too-long = shorten the summary to one or two sentences (trích yếu)
help-broken-link = link to an existing conclusion (`/ket-luan/<slug>/`) or to a file listed in `attachments`
help-broken-output-link = fix the link in the content or template that produced this page; links must carry the base path (use the `urls` and `page` values of templates)
help-unused-template-closest = did you mean `templates/{ $closest }`? An override has the path of the theme's template
help-unused-template = give it the path of the theme template it replaces, or include it from a template
help-unpublished-file = list its name in the `attachments:` of the conclusion it belongs to (rename an `index.html` first), or move it out of content/

## check

check-no-problems = no problems found
check-summary = { $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
} and { $warnings ->
    [one] { $warnings } warning
   *[other] { $warnings } warnings
} in { $files ->
    [one] { $files } file
   *[other] { $files } files
}

## check --fix

fix-encoding = converted from { $encoding } to UTF-8
fix-nfc = letters composed to Unicode NFC (as Unikey's "dựng sẵn")
fix-word-quote = line { $line }: Word's curly quotes made straight: `{ $fixed }`
fix-fullwidth-colon = line { $line }: full-width colon made `:`: `{ $fixed }`
fix-tab-indent = line { $line }: tabs in the indentation made spaces: `{ $fixed }`
fix-quoted = line { $line }: the value put in double quotes: `{ $fixed }`
fix-tags-list = line { $line }: the tags written as a list: `{ $fixed }`
fix-summary = { $files ->
    [0] --fix changed no file
    [one] --fix changed { $files } file; what is left needs a person:
   *[other] --fix changed { $files } files; what is left needs a person:
}

## Command line: --help

cli-about = Publish the conclusions of Vietnamese provincial committees as a static site
cli-lang = The language of ketluan's messages: `vi` or `en` [default: KETLUAN_LANG, the site's `language`, the system's language, then Vietnamese]
cli-help-flag = Print help
cli-version-flag = Print version
cli-help-about = Print this message or the help of the given command
cli-help-command = The command whose help to print
cli-heading-usage = Usage:
cli-heading-commands = Commands
cli-heading-arguments = Arguments
cli-heading-options = Options
cli-build-about = Build the site into the output folder (replaced only when the build succeeds)
cli-check-about = Check the whole site without writing anything: errors (what `build` rejects) and warnings (what is legal but probably wrong)
cli-new-about = Write a new conclusion file, content/{"{date}-{province}-{title}"}.md, with every front-matter key (optional ones commented out)
cli-import-about = Turn articles (text, web pages, Word, PDF; files or folders) into conclusion files, marking what to check
cli-serve-about = Build the site into memory and serve it, rebuilding and reloading the open pages on every change (nothing is written to disk)
cli-init-about = Create a new site: site.yaml (every key documented), an example conclusion, templates/README.md, .gitignore and, with --ci, a CI definition
cli-completions-about = Print a shell completion script (see docs/install.md for where to put it)
cli-man-about = Print the manual page (roff) of ketluan, or write one page per command into a folder
cli-explain-about = Print the troubleshooting guide's section about a problem's code, e.g. `ketluan explain unknown-key`
cli-explain-code = The code in brackets after `error` or `warning`, e.g. `unknown-key`
cli-build-root = The site folder (holding site.yaml and content/)
cli-build-output = Where to write the site [default: <root>/public]
cli-build-base-url = Override site.yaml's base_url, e.g. https://portal.example.gov.vn/ket-luan/
cli-build-drafts = Include conclusions marked `draft: true`
cli-build-timings = Print how long each phase took, and how many cores it kept busy
cli-build-force = Replace an --output folder that ketluan did not write (its files are deleted). `/`, the home folder and the site itself are refused anyway.
cli-build-check-links = Verify every internal link and anchor of the output before writing it
cli-check-root = The site folder (holding site.yaml and content/)
cli-check-format = `human` (grouped by file, with the line and a fix), `json` (for tools), `github` (GitHub Actions annotations) or `gitlab` (a GitLab Code Quality report)
cli-check-strict = Fail (exit 1) on warnings too
cli-check-fix = First apply the fixes that need no judgement (encoding, Word quotes, full-width colons, tabs, quoting, tag lists) to the files, and say what changed
cli-new-title = The conclusion's title
cli-new-province = The province or centrally-run city, e.g. "Hà Tĩnh"
cli-new-date = The meeting's date, YYYY-MM-DD or D/M/YYYY [default: today]
cli-new-body = The body that concluded, e.g. "Thường trực Tỉnh ủy"
cli-new-chaired-by = Who chaired or concluded
cli-new-root = The site folder (holding site.yaml and content/)
cli-import-files = Article files or folders of them: text or Markdown (UTF-8, UTF-16, Windows-1258, TCVN3), saved web pages, Word (DOCX) and PDF
cli-import-out = Where to write the conclusion files [default: <root>/content]
cli-import-stdout = Print the conclusion files instead of writing them (the summary goes to stderr)
cli-serve-root = The site folder (holding site.yaml and content/)
cli-serve-bind = The address to listen on; the default serves this computer only
cli-serve-port = The port; 0 picks a free one
cli-serve-drafts = Include conclusions marked `draft: true`
cli-serve-poll = Look for changes every half second instead of being told by the system (for network shares and virtual machines)
cli-serve-open = Open the site in the default browser
cli-serve-timings = Print how long each phase of every rebuild took
cli-init-dir = The new site's folder (created if needed; must be empty without --force)
cli-init-title = The site's title [default: from the province, "Kết luận của Tỉnh ủy, UBND tỉnh …"]
cli-init-base-url = Where the site will live, e.g. https://portal.example.gov.vn/ket-luan/ [default: http://localhost/]
cli-init-province = The province or centrally-run city of the example conclusion and the default title [default: Hà Nội]
cli-init-force = Write into a folder that is not empty; files of the same name are kept
cli-init-ci = Also write a CI definition: .github/workflows/ketluan.yml or .gitlab-ci.yml
cli-completions-shell = The shell: bash, elvish, fish, powershell or zsh
cli-man-dir = Write ketluan.1, ketluan-build.1… into this folder instead

## explain

explain-unknown-code = error: no problem has the code `{ $code }`
explain-codes = the codes are: { $codes }
cli-default = default: { $value }
cli-possible-values = possible values: { $values }

## Commands: what they say

error-prefix = error: { $message }
root-not-a-folder = --root { $root }: no such folder
root-not-a-site = --root { $root }: not a ketluan site (no site.yaml)
nothing-written = nothing was written
build-done = Built { $conclusions ->
    [one] { $conclusions } conclusion
   *[other] { $conclusions } conclusions
}: { $pages ->
    [one] { $pages } page
   *[other] { $pages } pages
}, { $files ->
    [one] { $files } file
   *[other] { $files } files
} in { $ms } ms → { $output }
build-failed = build failed with { $problems ->
    [one] { $problems } problem
   *[other] { $problems } problems
}; the previous output was left untouched
timings-phase = phase
timings-wall = wall
timings-processor = processor
timings-cores = cores
import-failed = { $file } was not imported
init-done = Created a ketluan site in { $dir }:
init-kept = { $file } (exists: kept as it was)
init-next =
    Next (docs/quick-start.md):
      cd { $dir }
      ketluan serve    # preview, reloading on every save
      ketluan check
      ketluan build
man-failed = cannot write the manual page: { $reason }
bug =
    ketluan stopped on an internal error{ $place }: { $what }
    This is a bug in ketluan, not a problem in your files; a build leaves the last good site in its output folder.
    Please report it with the command you ran and `ketluan --version` ({ $version }).
bug-place = {" "}at { $place }

## Slips in YAML syntax

problem-word-quote = the value is wrapped in Word's curly quote { $char } ({ $code }), which YAML keeps as part of the text
problem-fullwidth-colon = the key is followed by a full-width colon `：` instead of `:`
problem-tab-indent = the line is indented with a tab; YAML allows only spaces
problem-text-after-quote = text after the closing quote: the value ends at the quote
problem-quote-inside-quotes = a `"` inside a value written in `"…"` ends the value there
help-word-quote = write straight quotes (or none): `{ $fixed }`
help-fullwidth-colon = write an ordinary colon and a space: `{ $fixed }`
help-tab-indent = indent with spaces: `{ $fixed }`
help-text-after-quote = put the whole value inside the quotes: `{ $fixed }`
help-quote-inside-quotes = write the value in single quotes, so that `"` is text: `{ $fixed }`

## Front matter read otherwise than meant (warnings)

problem-comment-in-value = ` #` starts a comment: the value of `{ $key }` ends before it, and `{ $dropped }` is dropped
problem-tags-in-one-string = the tags are written as one text with commas, so they make one tag
problem-unchecked-import = a value that `ketluan import` guessed has not been checked
problem-unchecked-import-why = a value that `ketluan import` guessed has not been checked: { $reason }
help-comment-in-value = put the value in double quotes: `{ $fixed }`
help-tags-in-one-string = write them as a list: `{ $fixed }`
help-unchecked-import = compare the value with the original article, correct it if needed, then delete the `# kiểm tra lại` marker
problem-unclosed-quote = the quote opened here is never closed
problem-unclosed-list = the list opened here with `[` is never closed
problem-unclosed-brace = the `{"{"}` opened here is never closed
problem-missing-space = a space is missing after `{ $key }:`
problem-colon-in-value = the value of `{ $key }` holds `: `, which YAML reads as the start of another key
problem-indented-key = this key is indented: front-matter keys start at the beginning of the line
problem-list-item-out-of-line = this list item is not in line with the one above
help-tab-indent-spaces = indent with spaces only
help-text-after-quote-inside = put the whole value inside the quotes
help-unclosed-quote = end the value with the same quote mark on its line
help-unclosed-list = end it with `]`
help-unclosed-brace = end it with `{"}"}`
help-colon-in-value = put the whole value in double quotes (`{ $key }: "…"`)
help-indented-key = delete the spaces before the key
help-list-item-out-of-line = start each `-` in the same column

## serve

serve-built = Built { $pages ->
    [one] { $pages } page
   *[other] { $pages } pages
} in { $ms } ms.
serve-serving = Serving { $root } at { $url }
serve-every-interface = (listening on every network interface)
serve-watching = Watching for changes; press Ctrl-C to stop.
serve-stopped = Stopped.
serve-cannot-root = cannot find the site folder { $root }: { $reason }
serve-cannot-listen = cannot listen on { $address }: { $reason } (another program may use the port: try --port with another number)
serve-cannot-watch = cannot watch { $root } for changes: { $reason } (try --poll)
serve-cannot-start = cannot start the preview: { $reason }
serve-server-error = the preview server stopped: { $reason }
serve-fixed = Fixed.
serve-rebuilt = Rebuilt in { $ms } ms: { $rendered ->
    [one] { $rendered } page
   *[other] { $rendered } pages
} rendered, { $changed } changed or gone, { $served } served{ $files ->
    [0] {""}
    [one] , { $files } file
   *[other] , { $files } files
}.
serve-extras = then feeds, sitemap, data and search index: { $ms } ms, { $changed } changed
serve-failed = { $problems ->
    [one] { $problems } problem
   *[other] { $problems } problems
}; still serving the last good version (the browser shows them too)
serve-no-browser = warning: cannot open a browser ({ $reason }); open { $url } yourself
serve-overlay-title = ketluan: { $problems ->
    [one] { $problems } problem
   *[other] { $problems } problems
}; still showing the last good version. Save a fix and this goes away.
serve-overlay-label = ketluan: build errors
serve-overlay-help = help
serve-overlay-hide = Hide

## Problems added by other branches

problem-yaml-aliases = the YAML aliases (`*name`) repeat more text than { $limit } KB
problem-not-a-file = not a regular file (a named pipe, a device or a folder); it was not read
problem-data-too-large = the file is { $size } KB; this file may have at most { $limit } KB
problem-too-many-citations = the text cites documents more than { $max } times; a conclusion may hold at most { $max } citations
problem-too-many-documents = the conclusion cites { $count } different documents; at most { $max } are allowed
# Tera's own words, in English.
problem-template = { $reason }
problem-template-budget-time = the template took more than { $limit } s to render one page
problem-template-budget-output = the template made one page larger than { $limit } MB
problem-template-budget-loops = the template's loops went over { $limit } `range()` items on one page
problem-template-budget-memory = the template took more than { $limit } MB of memory to render one page
problem-windows-name = the name { $name } cannot be used on Windows: { $reason }
problem-case-clash = { $name } differs only in case from { $other }: Windows and macOS take them for one file
help-too-many-citations = check that the file holds one conclusion, not a pasted list or index of documents; attach such a list as a file (PDF) instead
help-too-many-documents = check that the file holds one conclusion, not a pasted index of documents (every document cited gets this conclusion in its feed); a site that needs more sets `max_cited_documents:` in site.yaml
help-not-a-file = replace it by an ordinary file with the same name (ketluan never reads pipes or devices, which could make it wait forever)
help-data-too-large = check that this is the right file: settings, the document registry, translations and templates are small text files
help-yaml-aliases = write the value out where it is needed instead of repeating it with `*` aliases (an `&anchor` names a value, each `*alias` repeats all of it)
help-template-budget = a template renders a page in seconds: look for a loop inside a loop over `range()` or over all conclusions, or a value that `set_global` makes longer on every turn
help-windows-name = rename it to `{ $rename }` (and change the name where it is listed)
help-case-clash = rename one of them, e.g. this one to `{ $rename }`
serve-reachable = warning: other computers can reach this preview (drafts too with --drafts); it answers requests for IP addresses and localhost{ $names } only (add --allow-host NAME for a name that points here)
cli-import-root = The site folder (holding site.yaml and content/)
cli-import-report = Where to write the summary table as CSV [default: <root>/import-report.csv]
cli-serve-allow-host = Also answer requests for this host name (repeatable); IP addresses and localhost are always answered
problem-portal-incomplete = the portal's footer lacks what Decree 42/2022/NĐ-CP asks a state portal to show: { $fields }
help-portal-incomplete = fill in { $keys } under `portal:` in site.yaml (`ketluan init` writes the block, commented)

## import: where each value came from (written next to `# kiểm tra lại`)

import-src-header = the header
import-src-dateline = the dateline (line { $line })
import-at = `{ $text }` (line { $line })
import-date-text = from the text: { $at }
import-src-header-month = the header's { $month }
import-src-dateline-year = the dateline's { $year } (line { $line })
import-date-year-from = from the text: { $at }, year from { $source }
import-date-period-year = { $count ->
    [one] from the text: { $at }; its year is not written there: { $year } is the year { $scope } gives
   *[other] from the text: { $at }; its year is not written there: { $year } is the year { $scope } gives, the earliest of { $all }
}
import-date-no-year = the text gives { $at } but no year
import-date-relative = from the text: { $at }, relative to { $source }
import-date-article = from { $source }: the article's date, not necessarily the meeting's
import-date-month-only = only the month is known: { $month } (header)
import-date-none = no date in the text
import-body-meeting-sentence = its meeting, in the meeting's sentence
import-body-meets-sentence = meets in the meeting's sentence
import-body-title-head = named at the head of the title
import-body-title-meeting = its meeting, in the title
import-body-title-meets = meets in the title
import-body-concludes = concludes (line { $line })
import-body-meeting-line = its meeting (line { $line })
import-body-first-meeting = the first body meeting in the text (line { $line })
import-body-first-directing = the first body directing in the text (line { $line })
import-body-chairman = the Chairman of the provincial People's Committee concludes (line { $line })
import-body-none = no concluding body found
import-chair-chaired-concluded = chaired and concluded (line { $line })
import-chair-chaired = chaired (line { $line })
import-chair-several = first of several who chaired (line { $line }): { $names }
import-chair-concluded = concluded (line { $line })
import-chair-opened = opened or directed the meeting (line { $line }); no one is said to chair it
import-chair-none = no one is said to chair or conclude
import-places-more = { $places } and { $more } more
import-province-none = no province or place named
import-province-unsure = unsure between { $province } ({ $score }) and { $others }
import-province-named = named: { $mentions }
import-province-places = from place names: { $mentions }
import-province-also = { $note }; also named: { $others }
import-title-header = the header (line { $line })
import-notice-title = the notice's title (line { $line })
import-title-first-line = the first line (line { $line })
import-title-made = made from the meeting's sentence: the article has no title
import-title-none = the article has no title
import-scope-meeting = the meeting's sentence
import-scope-title = the title
import-scope-text = the text
import-date-notice = the notice's issue date (line { $line }); the meeting's date is not written
import-province-letterhead = the letterhead: `{ $text }` (line { $line })
import-province-dateline = the place of the date line: `{ $text }` (line { $line }); the letterhead names no province
import-body-issuer = the issuer in the letterhead (line { $line }); the title names no body
import-number-notice = the notice's number (line { $line })
import-signature = the signature (line { $line })
import-signature-as = the signature (line { $line }), `{ $signature }`
import-byline = the byline (line { $line })
import-byline-none = no byline
import-document-at = { $number } (line { $line })
import-none = none
import-documents-cited = numbered documents cited in the text
import-source-link = a link in the text
import-outlet-removed = removed from the start of line { $line }
import-classified = it is marked `{ $mark }`; nothing was imported

## import: the summary

import-summary-read-as = read as
import-summary-encoding = encoding
import-summary-converted = { $encoding }, converted to UTF-8
import-found = found
import-guessed = GUESSED
import-missing = MISSING
import-summary-removed = removed
import-removed-lines = { $count ->
    [one] { $why } (line { $lines })
   *[other] { $why } (lines { $lines })
}
import-summary-all-found = every field was found
import-summary-to-check = to check
import-summary-marked = { $fields } (marked `{ $marker }`)
import-debris-link = link to another article
import-debris-dots = lone dots
import-debris-notice-title = notice title
import-debris-caption = photo caption
import-debris-recipients = recipients and signature
import-debris-repeated = repeated line
import-debris-section = section label
import-debris-rule = title rule
import-debris-byline = byline
import-debris-contact = contact or counter
import-debris-image = image file name or link text
import-debris-path = link path
import-debris-outlet = outlet name
import-debris-tools = page tools
import-debris-related = "Tin liên quan" list
import-debris-dateline = dateline
import-format-text = text
import-format-html = web page (HTML)
import-format-docx = Word document (DOCX)
import-format-pdf = PDF
import-outcome-written = written
import-outcome-printed = printed
import-outcome-duplicate = duplicate of { $first }
import-outcome-failed = not imported
import-column-file = file
import-column-date = date
import-column-province = province
import-column-body = body
import-column-chair = chair
import-column-documents = documents
import-column-to-check = to check
import-column-result = result
import-encoding-unknown = the file is not UTF-8 and reads as neither Windows-1258 nor TCVN3 (ABC)

## Why a date is no date

date-not-digits = expected digits separated by `-` or `/`
date-not-three-parts = expected a day, a month and a year
date-year-digits = the year must have four digits
date-no-month = there is no month { $month }
date-no-day = there is no day { $day } in a month
date-year-range = year { $year } is out of range
date-no-such-day = month { $month } of { $year } has no day { $day }

## Why a link leads nowhere

link-outside-base = it is outside the site's base path { $base }
link-no-page = no such page
link-no-file = no file { $path } in the output
link-no-anchor = { $page } has no element with id `{ $id }`
link-draft = `{ $slug }` is a draft, left out of the published site
link-no-conclusion = there is no conclusion with the slug `{ $slug }`
link-content-file = `{ $name }` is a content file, not a page
link-not-listed = `{ $name }` is not listed in `attachments` of { $file }
link-no-attachment = `{ $slug }` has no attachment `{ $name }`
link-no-document = there is no document with the slug `{ $slug }`
link-no-province = there is no province page `{ $slug }`

## Command line: parse errors

cli-error-unknown-argument = unexpected argument `{ $arg }`
cli-error-unknown-command = unknown command `{ $command }`
cli-error-missing-value = `{ $arg }` needs a value, and none was given
cli-error-invalid-value = invalid value `{ $value }` for `{ $arg }`
cli-error-value-validation = invalid value `{ $value }` for `{ $arg }`: { $reason }
cli-error-missing-required = these required arguments were not given:{ $args }
cli-error-tip = tip: did you mean `{ $suggestion }`?
cli-error-more = For more, run the command with `--help`.

## Why a text is no document number

docnum-error = { $input } is not a document number: { $reason }; accepted forms are NUM-TYPE/ISSUER (05-NQ/TU), NUM/TYPE-ISSUER (108/QĐ-UBND), NUM/YEAR/TYPE-ISSUER (326/2021/NQ-HĐND), NUM/ISSUER-UNIT (1393/UBND-DL1) and NUM/YEAR/QH15 (98/2023/QH15)
docnum-empty = empty string
docnum-no-number = does not start with a number
docnum-too-many-digits = number has more than 5 digits
docnum-decimal-too-long = more than 3 digits after "." (an amount or a phone number?)
docnum-several-dots = number with several dots (a date, an amount or a phone number?)
docnum-letters-after-number = number is followed by letters without a separator
docnum-slash-after = symbol is followed by "/"
docnum-zero = document number is zero
docnum-no-code = no type or issuer after the number
docnum-date-or-phone = looks like a date or a phone number
docnum-dashed-numbers = numbers joined by "-" (a range or a phone number?)
docnum-range = looks like a range of numbers or years
docnum-dash-no-code = "-" after the number is not followed by a code
docnum-malformed = malformed symbol
docnum-date = looks like a date
docnum-fraction = looks like a fraction or a day/month
docnum-month-year = looks like a month/year; no type or issuer
docnum-slash-no-code = "/" after the number is not followed by a code or a year
docnum-party-needs-slash = Party form NUM-TYPE needs "/" before the issuer
docnum-no-issuer = no issuer after the type code
docnum-no-code-after-year = no type or issuer code after the year
docnum-quoc-hoi-year = a Quốc hội symbol needs the year (98/2023/QH15)
docnum-not-a-type = { $code } is not a type code
docnum-single-segment = symbol has a single segment { $code } (legacy or truncated)
docnum-space-between = space between codes without a separator before { $rest }
docnum-unexpected = unexpected { $rest } after the symbol

## YAML: what libyaml and the reader say

yaml-expected-mapping = expected `key: value` lines
yaml-expected-list = expected a list of entries, each starting with `- `
yaml-expected-entry-mapping = expected `key: value` lines in this entry
yaml-control-character = the control character { $code } is not allowed here: delete it (it often comes with text copied from a terminal or an old document)
libyaml-mapping-values = mapping values are not allowed in this context
libyaml-expected-key = did not find expected key
libyaml-expected-dash = did not find expected '-' indicator
libyaml-cannot-start-scalar = found character that cannot start any plain scalar
libyaml-end-of-stream = found unexpected end of stream
libyaml-sequence-entries = block sequence entries are not allowed in this context
libyaml-expected-colon = could not find expected ':'
libyaml-unknown-escape = found unknown escape character
libyaml-undefined-tag = found undefined tag handle

## What a value should be (`expected` of a wrong value)

expected-title = a title that is not empty
expected-web-address = a web address starting with https:// or http://
expected-text = a single value (text)
expected-bool = true or false
expected-list = a list of values: [a, b] or one `- a` per line
expected-language = `vi` or `en`
expected-theme = the name of a folder in themes/
expected-paginate = a whole number of conclusions per page, at least 1
expected-max-documents = a whole number of documents, at least 1
expected-portal = indented `key: value` lines (agency, address, phone…)
expected-email = an e-mail address such as banbientap@hatinh.gov.vn
expected-date = a date: 2024-01-15 or 15/01/2024
expected-link = an address starting with https://, http:// or /
expected-references = `manual` (only the front matter's resolutions) or `auto` (the default: also the documents cited in the text)
expected-nonempty = a value that is not empty
expected-output-folder = a folder outside the site's sources, such as public/ (it is replaced on every build)
expected-output-not-link = a folder, not a symbolic link (give the folder it points to)
expected-logo = the name of an image file in the site's static/ folder (static/quoc-huy.svg: `logo: quoc-huy.svg`)
expected-absolute-url = an absolute URL starting with https:// or http://
expected-plain-url = a URL without query, fragment or spaces
expected-url-host = a URL with a host name
expected-ascii-host = a host name in ASCII (a Vietnamese domain in its xn-- form)
expected-url-path = a URL path without empty segments
expected-links = a list of links, each `- title: …` with `url: …` below it
expected-translation = one text in quotes, not a list, a mapping or nothing
expected-url-dots = a URL path without `.` or `..` segments (also written %2e)
expected-url-encoded = a URL path without encoded slashes, backslashes or NUL

## Parts of messages: why, what to copy, what to do

part-copy-file-into-site = the file into the site
part-copy-file-into-content = the file into content/
part-copy-into-site = the file or folder into the site
part-unpublished-unlisted = the conclusion neither lists it in `attachments:` nor links to it
part-unpublished-several = its folder holds several conclusions, and none lists it in `attachments:` or links to it
part-unpublished-page-name = it is named like the conclusion's own page, which it would replace
part-slug-no-letters = the file name has no letters or digits to make a URL from
part-slug-empty = it is empty
part-slug-separators = it must not contain `/`, `\` or `..`
part-slug-chars = only lower-case ASCII letters, digits and `-` are allowed
part-slug-dash = it must not start or end with `-`
part-slug-long = it is longer than 200 characters (a folder name must be short)
part-attachment-list-it = put the file beside the .md file and list its name without folders
part-attachment-plain = must be a file name beside the Markdown file, without folders
part-attachment-page-name = is the name of the conclusion's own page, which it would replace
part-attachment-rename = give the file another name (any but index.html) and list that
part-attachment-not-file = is not a regular file
part-attachment-missing = no such file beside the Markdown file
part-attachment-spelling = check the name's spelling and case, or put the file beside the .md file
part-classified-take-out = take the file out of content/
part-classified-leave-mark = leave the mark out of this value
part-classified-leave-article = leave the article out of the site
part-output-permissions = check the folder's permissions and free space
part-windows-trailing = Windows drops a dot or space at the end of a name
part-windows-device = Windows reserves this name for a device (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9, with any extension)
part-windows-chars = Windows does not allow the characters < > : " | ? * or control characters in a name

## import: files it cannot read

part-docx-fix = open the file in Word or LibreOffice, save it again as .docx (or copy its text into a .txt file) and import that
import-docx-zip-damaged = the file is a damaged zip archive ({ $error })
import-docx-not-word = the file is a zip archive but not a Word document (no word/document.xml)
part-docx-not-word-fix = import the article's .docx, .pdf, .html or .txt file itself
import-docx-unpack = the Word document could not be unpacked ({ $error })
import-docx-too-big = the Word document's text unpacks to more than { $limit } MB
import-docx-xml = the Word document's XML is damaged ({ $error })
import-html-too-many = the web page has { $elements } elements, more than the { $limit } read
part-html-fix = open the page in a browser, copy the article's text into a .txt file and import that
import-html-unreadable = the web page could not be read: { $error }
import-too-large = the file is { $size } MB, more than the { $limit } MB an article or a notice can be
part-too-large-fix = import the article's own file, or copy its text into a .txt file
import-old-word = the file is an old Word document (.doc, Word 97-2003)
part-old-word-fix = open it in Word or LibreOffice, save it as .docx (Word Document) and import that
import-image = the file is an image ({ $kind }), not text
part-image-fix = import the article's text or its Word or PDF file; a photographed page needs OCR first
part-pdf-fix = open the PDF, copy its text into a .txt file and import that; a scanned PDF needs OCR first (for example OCRmyPDF with Vietnamese, `-l vie`)
import-pdf-no-text = the PDF has no text layer (a scanned or photographed page), so there is no text to import
part-pdf-ocr = run OCR on it first (for example OCRmyPDF with Vietnamese: `ocrmypdf -l vie in.pdf out.pdf`) and import the result, or type the text into a .txt file
import-pdf-slow = reading the PDF took more than { $seconds } seconds
import-pdf-damaged = the PDF could not be read ({ $error })
part-file-empty = the file is empty
part-file-no-text = the file has no text
import-duplicate = warning: { $file } is the same article as { $first }; it was skipped
import-not-imported = { $file } was not imported
import-report-written = summary: { $file }

## Writing the output

write-busy = another ketluan build is writing { $output } (it holds { $lock })
write-not-a-folder = { $output } is a file, not a folder
write-not-ours = { $output } is a folder ketluan did not write; refusing to replace it
write-unreadable = cannot read { $path }: { $error }
part-write-busy-fix = wait for it to finish, or choose another --output
part-write-not-a-folder-fix = choose another --output, or move the file away
part-write-not-ours-fix = remove it, choose another --output, or pass --force to replace it
part-write-unreadable-fix = check that the file exists and can be read
write-name-too-long = a file or folder name is longer than the system allows ({ $error })
part-write-name-too-long-fix = shorten the `slug:` or the attachment's name (slugs have at most 200 characters), or choose an --output with a shorter path
write-busy-folder = the output folder is a mount point or in use ({ $error })
part-write-busy-folder-fix = ketluan replaces the output folder as a whole, which the system refuses for a mount point: give --output a folder inside it (/mnt/web/ket-luan), and close programs that hold files in it open

## Why (parts of warnings made by check)

why-reorganised = it was reorganised on { $date }
why-merged = it merged into { $province } on { $date }
why-formed = it was formed on { $date }
why-year-in-number = in { $year } (the year in its number)
why-classified-key = the front matter declares `{ $key }: { $value }`
why-classified-mark = it is marked `{ $mark }`
