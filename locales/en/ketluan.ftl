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
