# Thông báo của ketluan bằng tiếng Việt. Mỗi mã ở đây cũng có trong
# locales/en/ketluan.ftl, với cùng các tham số (tests/catalogue.rs kiểm tra).

## Từ dùng chung

list-or = {" "}hoặc{" "}
count-problems = { $count } lỗi

## Thông báo lỗi: phần khung

severity-error = lỗi
severity-warning = cảnh báo
diagnostic-help = cách sửa: { $help }
diagnostic-see = xem: { $command }

## Thông báo lỗi: điều sai

problem-unreadable = không đọc được: { $reason }
problem-not-a-site = không tìm thấy site.yaml trong { $dir } (đây có phải thư mục trang ketluan không?)
problem-no-content = không có thư mục content/ trong { $dir }
problem-symbolic-link = không theo liên kết tượng trưng (symbolic link)
problem-not-utf8 = tệp không phải văn bản UTF-8 hợp lệ
problem-legacy-encoding = tệp dùng bảng mã { $encoding }, không phải UTF-8
problem-too-large = tệp có dung lượng { $size } MB; mỗi tệp nội dung chỉ được tối đa { $limit } MB
problem-front-matter-missing = thiếu phần khai báo đầu tệp: một kết luận phải bắt đầu bằng dòng `---`
problem-front-matter-unclosed = phần khai báo đầu tệp mở ở đây nhưng không được đóng bằng dòng `---`
problem-yaml-syntax = lỗi cú pháp YAML: { $reason }
problem-duplicate-key = khóa `{ $key }` được khai báo hai lần (lần đầu ở dòng { $line })
problem-unknown-key = khóa lạ `{ $key }`
problem-missing-key = thiếu khóa bắt buộc `{ $key }`
problem-empty-value = khóa `{ $key }` chưa có giá trị
problem-wrong-type = `{ $key }` phải là { $expected }
problem-invalid-date = ngày { $value } không hợp lệ: { $reason }
problem-unknown-province = không có tỉnh, thành phố nào tên { $name }
problem-invalid-slug = đường dẫn rút gọn (slug) { $slug } không hợp lệ: { $reason }
problem-duplicate-slug = đường dẫn rút gọn `{ $slug }` đã được dùng cho { $other }
problem-attachment = tệp đính kèm { $name }: { $reason }
problem-invalid-value = giá trị của `{ $key }` không hợp lệ: { $value }
problem-output = không ghi được kết quả: { $reason }
problem-classified = văn bản mật hoặc hạn chế lưu hành: { $reason }
problem-file-exists = tệp đã có sẵn; tệp được giữ nguyên
problem-not-an-article = { $reason }; chưa nhập gì
problem-folder-not-empty = thư mục không trống ({ $what })
problem-date-in-future = ngày { $date } ở trong tương lai
problem-date-too-early = ngày { $date } trước năm 1930
problem-province-not-in-force = { $name } chưa có hoặc không còn vào ngày { $date }: { $why }
problem-document-after-conclusion = trích dẫn { $number }, ban hành { $issued }, sau ngày họp này ({ $date })
problem-registry-mismatch = { $number }: văn bản ghi { $what ->
        [date] ngày ban hành
       *[title] trích yếu
    } là { $text }, danh mục văn bản (dòng { $line }) ghi { $registry }
problem-duplicate-conclusion = trùng tỉnh, ngày và tiêu đề với { $other }
problem-empty-body = phần nội dung đang trống
problem-title-too-long = tiêu đề có { $chars } ký tự, vượt quá { $max }
problem-summary-too-long = trích yếu có { $chars } ký tự, vượt quá { $max }
problem-broken-link = liên kết hỏng `{ $target }`: { $reason }
problem-unused-template = `templates/{ $name }` không có tác dụng: giao diện không có mẫu nào tên như vậy và không mẫu nào nhúng nó
problem-unpublished-file = tệp này không được đăng: { $reason }

## Thông báo lỗi: cách sửa

help-unreadable = kiểm tra quyền truy cập tệp
help-not-a-site = chạy ketluan trong thư mục của trang hoặc thêm `--root THƯ_MỤC`; lệnh `ketluan init THƯ_MỤC` tạo một trang mới
help-no-content = tạo thư mục content/ bên cạnh site.yaml để chứa các kết luận, hoặc thêm `--root THƯ_MỤC` để chỉ thư mục của trang
help-symbolic-link = hãy sao chép { $what } vào đây
help-too-large = chia văn bản thành nhiều kết luận, hoặc đính kèm văn bản dài dưới dạng tệp (PDF) thay vì dán vào
help-not-utf8 = lưu tệp theo bảng mã UTF-8 (trong Notepad: Save As → Encoding: UTF-8; tệp dùng bảng mã TCVN3 hoặc VNI phải chuyển mã bằng công cụ chuyển mã của Unikey trước)
help-legacy-encoding = chuyển tệp sang UTF-8: `ketluan check --fix` làm việc này cho các tệp nội dung và site.yaml (hoặc trong Notepad: Save As → Encoding: UTF-8, sau khi chuyển mã TCVN3 hay VNI bằng công cụ của Unikey)
encoding-tcvn3-as-latin1 = TCVN3 (ABC) đã bị lưu lại như văn bản Latin-1
help-front-matter-missing = bắt đầu tệp bằng một dòng `---`, tiếp theo là các khóa (title, date, province…) rồi một dòng `---` nữa trước phần nội dung
help-front-matter-unclosed = thêm một dòng chỉ có `---` sau khóa cuối cùng
help-yaml-syntax = kiểm tra thụt lề và dấu ngoặc kép: giá trị có chứa `:` hoặc `#` phải đặt trong ngoặc kép
help-duplicate-key = giữ lại một dòng `{ $key }:` và xóa dòng còn lại
help-key-needs-space = thêm một dấu cách sau `{ $key }:`, ví dụ `{ $key }: …`
help-did-you-mean = có phải ý bạn là `{ $suggestion }`?
help-did-you-mean-any = có phải ý bạn là { $suggestions }?
help-unknown-theme-key = xóa khóa này, hoặc viết đúng như trong tệp cùng tên của giao diện
help-known-keys = các khóa hợp lệ: { $keys }
help-missing-key = thêm `{ $key }: …` vào { $within }
help-empty-value = ghi giá trị ngay sau `{ $key }:` trên cùng dòng
help-invalid-date = ghi ngày theo dạng YYYY-MM-DD (2021-11-01) hoặc ngày trước D/M/YYYY (1/11/2021)
help-unknown-province = ghi tên một tỉnh hoặc thành phố trực thuộc trung ương, ví dụ `Hà Tĩnh`
help-invalid-document-number = ghi số hiệu đúng như trên văn bản, ví dụ `05-NQ/TU` hoặc `108/QĐ-UBND`
help-invalid-slug = chỉ dùng chữ thường không dấu, chữ số và dấu `-`, ví dụ `ket-luan-hoi-nghi`
help-duplicate-slug = đổi tên một trong hai tệp hoặc đặt `slug:` khác cho tệp đó
help-expected = giá trị đúng: { $expected }
help-template = sửa mẫu; mẫu của trang trong templates/ được dùng thay mẫu của giao diện
help-classified = văn bản có dấu chỉ độ mật (MẬT, TỐI MẬT, TUYỆT MẬT) hoặc hạn chế lưu hành (LƯU HÀNH NỘI BỘ) tuyệt đối không được đăng: { $fix }
help-not-an-article = mở bài viết, sao chép nội dung (tiêu đề, dòng ngày tháng và phần nội dung) vào một tệp .txt rồi nhập tệp đó
help-encoding = lưu bài viết theo bảng mã UTF-8 (trong Notepad: Save As → Encoding: UTF-8), hoặc chuyển sang Unicode bằng công cụ chuyển mã của Unikey (VNI, VIQR…)
help-file-exists = sửa tệp đã có, hoặc đổi tiêu đề hay ngày để tạo tệp khác
help-folder-not-empty = chọn một thư mục mới hoặc trống, hoặc thêm --force để ghi các tệp của trang vào cạnh những gì đã có (tệp trùng tên được giữ nguyên)
help-date-in-future = ghi ngày họp; kiểm tra lại năm và thứ tự ngày/tháng
help-date-too-early = kiểm tra lại năm: kết luận của các cấp ủy tỉnh bắt đầu từ năm 1930
help-province-not-in-force-use = ghi `province: { $province }`, hoặc kiểm tra lại ngày
help-province-not-in-force = kiểm tra lại tỉnh và ngày
help-document-after-conclusion = kiểm tra lại số hiệu, ngày ban hành của văn bản và ngày họp
help-registry-mismatch = sửa văn bản hoặc danh mục văn bản content/_documents.yaml; nếu đây là hai văn bản khác nhau (số văn bản của Đảng đánh lại từ đầu mỗi nhiệm kỳ), khai báo mỗi văn bản một mục riêng
help-duplicate-conclusion = xóa một trong hai tệp, hoặc sửa tiêu đề, ngày hay tỉnh của tệp đó
help-empty-body = dán nội dung kết luận vào sau dòng `---` đóng phần khai báo
help-title-too-long = rút gọn tiêu đề; đưa phần còn lại vào `summary`
help-summary-too-long = rút gọn trích yếu còn một hai câu
help-broken-link = liên kết đến một kết luận đã có (`/ket-luan/<slug>/`) hoặc đến một tệp có trong `attachments`
help-broken-output-link = sửa liên kết trong nội dung hoặc mẫu đã tạo ra trang này; liên kết phải có đường dẫn gốc (dùng các giá trị `urls` và `page` của mẫu)
help-unused-template-closest = có phải ý bạn là `templates/{ $closest }`? Mẫu thay thế phải có cùng đường dẫn với mẫu của giao diện
help-unused-template = đặt cho nó đường dẫn của mẫu giao diện mà nó thay thế, hoặc nhúng nó từ một mẫu khác
help-unpublished-file = ghi tên tệp vào `attachments:` của kết luận mà nó thuộc về (đổi tên tệp `index.html` trước), hoặc chuyển tệp ra khỏi content/

## check

check-no-problems = không phát hiện vấn đề nào
check-summary = { $errors } lỗi và { $warnings } cảnh báo trong { $files } tệp

## check --fix

fix-encoding = đã chuyển từ bảng mã { $encoding } sang UTF-8
fix-nfc = đã chuẩn hóa chữ sang Unicode NFC (dạng dựng sẵn)
fix-word-quote = dòng { $line }: đổi dấu ngoặc kép cong của Word thành ngoặc thẳng: `{ $fixed }`
fix-fullwidth-colon = dòng { $line }: đổi dấu hai chấm toàn độ rộng thành `:`: `{ $fixed }`
fix-tab-indent = dòng { $line }: đổi Tab ở đầu dòng thành dấu cách: `{ $fixed }`
fix-quoted = dòng { $line }: đặt giá trị trong dấu ngoặc kép: `{ $fixed }`
fix-tags-list = dòng { $line }: viết các thẻ thành danh sách: `{ $fixed }`
fix-summary =
    { $files ->
        [0] --fix không sửa tệp nào
       *[other] --fix đã sửa { $files } tệp; những gì còn lại cần người sửa:
    }

## Dòng lệnh: --help

cli-about = Đăng các kết luận của cấp ủy, chính quyền cấp tỉnh thành trang web tĩnh
cli-lang = Ngôn ngữ thông báo của ketluan: `vi` hoặc `en` [mặc định: KETLUAN_LANG, `language` của trang, ngôn ngữ của hệ thống, sau cùng là tiếng Việt]
cli-help-flag = In hướng dẫn sử dụng
cli-version-flag = In phiên bản
cli-help-about = In hướng dẫn này hoặc hướng dẫn của lệnh được chỉ định
cli-help-command = Lệnh cần xem hướng dẫn
cli-heading-usage = Cách dùng:
cli-heading-commands = Các lệnh
cli-heading-arguments = Tham số
cli-heading-options = Tùy chọn
cli-build-about = Tạo trang web vào thư mục kết quả (thư mục chỉ được thay khi tạo thành công)
cli-check-about = Kiểm tra toàn bộ trang mà không ghi gì: lỗi (những gì lệnh `build` từ chối) và cảnh báo (hợp lệ nhưng có thể sai)
cli-new-about = Tạo tệp kết luận mới, content/{"{ngày}-{tỉnh}-{tiêu-đề}"}.md, có đủ các khóa khai báo (khóa không bắt buộc được để dưới dạng chú thích)
cli-import-about = Chuyển bài viết (văn bản, trang web, Word, PDF; tệp hoặc thư mục) thành tệp kết luận, đánh dấu những chỗ cần kiểm tra lại
cli-serve-about = Tạo trang web trong bộ nhớ và mở để xem trước, tự tạo lại và tải lại các trang đang mở mỗi khi có thay đổi (không ghi gì ra đĩa)
cli-init-about = Tạo trang mới: site.yaml (có chú thích cho từng khóa), một kết luận mẫu, templates/README.md, .gitignore và, với --ci, tệp cấu hình CI
cli-completions-about = In đoạn mã tự hoàn thành lệnh cho shell (xem docs/vi/install.md để biết đặt ở đâu)
cli-man-about = In trang hướng dẫn (man, định dạng roff) của ketluan, hoặc ghi mỗi lệnh một trang vào một thư mục
cli-explain-about = In phần hướng dẫn xử lý sự cố cho một mã lỗi, ví dụ `ketluan explain unknown-key`
cli-explain-code = Mã trong ngoặc vuông sau `lỗi` hoặc `cảnh báo`, ví dụ `unknown-key`
cli-build-root = Thư mục của trang (chứa site.yaml và content/)
cli-build-output = Nơi ghi trang web [mặc định: <root>/public]
cli-build-base-url = Dùng địa chỉ này thay cho base_url trong site.yaml, ví dụ https://portal.example.gov.vn/ket-luan/
cli-build-drafts = Đưa cả các kết luận đánh dấu `draft: true` (bản nháp)
cli-build-timings = In thời gian của từng bước và số nhân xử lý đã dùng
cli-build-force = Thay thế thư mục --output không do ketluan tạo ra (các tệp trong đó sẽ bị xóa). Thư mục `/`, thư mục người dùng và chính thư mục trang luôn bị từ chối.
cli-build-check-links = Kiểm tra mọi liên kết nội bộ và điểm neo của trang trước khi ghi
cli-check-root = Thư mục của trang (chứa site.yaml và content/)
cli-check-format = `human` (nhóm theo tệp, có dòng lỗi và cách sửa), `json` (cho công cụ), `github` (chú thích GitHub Actions) hoặc `gitlab` (báo cáo GitLab Code Quality)
cli-check-strict = Coi cả cảnh báo là thất bại (mã thoát 1)
cli-check-fix = Trước hết tự sửa trong tệp những lỗi không cần cân nhắc (bảng mã, ngoặc kép của Word, dấu hai chấm toàn độ rộng, Tab, đặt trong ngoặc kép, danh sách thẻ) và cho biết đã sửa gì
cli-new-title = Tiêu đề của kết luận
cli-new-province = Tỉnh hoặc thành phố trực thuộc trung ương, ví dụ "Hà Tĩnh"
cli-new-date = Ngày họp, YYYY-MM-DD hoặc D/M/YYYY [mặc định: hôm nay]
cli-new-body = Cơ quan kết luận, ví dụ "Thường trực Tỉnh ủy"
cli-new-chaired-by = Người chủ trì hoặc kết luận
cli-new-root = Thư mục của trang (chứa site.yaml và content/)
cli-import-files = Các tệp bài viết hoặc thư mục chứa chúng: văn bản hoặc Markdown (UTF-8, UTF-16, Windows-1258, TCVN3), trang web đã lưu, Word (DOCX) và PDF
cli-import-out = Nơi ghi các tệp kết luận [mặc định: <root>/content]
cli-import-stdout = In tệp kết luận ra màn hình thay vì ghi tệp (phần tóm tắt in ra stderr)
cli-serve-root = Thư mục của trang (chứa site.yaml và content/)
cli-serve-bind = Địa chỉ lắng nghe; mặc định chỉ máy này xem được
cli-serve-port = Cổng; 0 để tự chọn một cổng trống
cli-serve-drafts = Đưa cả các kết luận đánh dấu `draft: true` (bản nháp)
cli-serve-poll = Nửa giây kiểm tra thay đổi một lần thay vì chờ hệ thống báo (cho thư mục dùng chung qua mạng và máy ảo)
cli-serve-open = Mở trang bằng trình duyệt mặc định
cli-serve-timings = In thời gian của từng bước mỗi lần tạo lại
cli-init-dir = Thư mục của trang mới (tạo nếu chưa có; phải trống nếu không có --force)
cli-init-title = Tiêu đề của trang [mặc định: theo tỉnh, "Kết luận của Tỉnh ủy, UBND tỉnh …"]
cli-init-base-url = Địa chỉ sẽ đăng trang, ví dụ https://portal.example.gov.vn/ket-luan/ [mặc định: http://localhost/]
cli-init-province = Tỉnh hoặc thành phố trực thuộc trung ương của kết luận mẫu và của tiêu đề mặc định [mặc định: Hà Nội]
cli-init-force = Ghi vào thư mục không trống; tệp trùng tên được giữ nguyên
cli-init-ci = Tạo thêm tệp cấu hình CI: .github/workflows/ketluan.yml hoặc .gitlab-ci.yml
cli-completions-shell = Loại shell: bash, elvish, fish, powershell hoặc zsh
cli-man-dir = Ghi ketluan.1, ketluan-build.1… vào thư mục này

## explain

explain-unknown-code = lỗi: không có mã lỗi `{ $code }`
explain-codes = các mã lỗi: { $codes }
cli-default = mặc định: { $value }
cli-possible-values = giá trị: { $values }

## Các lệnh: thông báo

error-prefix = lỗi: { $message }
root-not-a-folder = --root { $root }: không có thư mục này
root-not-a-site = --root { $root }: không phải thư mục trang ketluan (không có site.yaml)
nothing-written = chưa ghi tệp nào
build-done = Đã tạo { $conclusions } kết luận: { $pages } trang, { $files } tệp trong { $ms } ms → { $output }
build-failed = tạo trang không thành công, có { $problems } lỗi; kết quả lần trước được giữ nguyên
timings-phase = bước
timings-wall = thời gian
timings-processor = xử lý
timings-cores = số nhân
import-failed = chưa nhập được { $file }
init-done = Đã tạo trang ketluan trong { $dir }:
init-kept = { $file } (đã có: giữ nguyên)
init-next =
    Bước tiếp theo (docs/vi/quick-start.md):
      cd { $dir }
      ketluan serve    # xem trước, tự tải lại mỗi khi lưu
      ketluan check
      ketluan build
man-failed = không ghi được trang hướng dẫn: { $reason }
bug =
    ketluan dừng vì một lỗi bên trong{ $place }: { $what }
    Đây là lỗi của ketluan, không phải lỗi trong tệp của bạn; lệnh build vẫn giữ nguyên trang tốt gần nhất trong thư mục kết quả.
    Vui lòng báo lỗi kèm câu lệnh đã chạy và kết quả của `ketluan --version` ({ $version }).
bug-place = {" "}tại { $place }

## Lỗi gõ trong cú pháp YAML

problem-word-quote = giá trị được đặt trong dấu ngoặc kép cong { $char } ({ $code }) của Word, YAML coi dấu này là một phần của nội dung
problem-fullwidth-colon = sau khóa là dấu hai chấm toàn độ rộng `：` thay vì dấu `:`
problem-tab-indent = dòng được thụt lề bằng phím Tab; YAML chỉ cho phép thụt lề bằng dấu cách
problem-text-after-quote = có chữ sau dấu ngoặc kép đóng: giá trị đã kết thúc tại dấu ngoặc đó
problem-quote-inside-quotes = dấu `"` bên trong một giá trị viết trong `"…"` làm giá trị kết thúc tại đó
help-word-quote = dùng dấu ngoặc kép thẳng (hoặc bỏ ngoặc): `{ $fixed }`
help-fullwidth-colon = dùng dấu hai chấm thường và một dấu cách: `{ $fixed }`
help-tab-indent = thụt lề bằng dấu cách: `{ $fixed }`
help-text-after-quote = đặt toàn bộ giá trị vào trong ngoặc kép: `{ $fixed }`
help-quote-inside-quotes = đặt giá trị trong ngoặc đơn để dấu `"` là chữ: `{ $fixed }`

## Phần khai báo được đọc khác với ý người viết (cảnh báo)

problem-comment-in-value = ` #` mở đầu một chú thích: giá trị của `{ $key }` kết thúc trước đó, phần `{ $dropped }` bị bỏ
problem-tags-in-one-string = các thẻ được viết thành một chuỗi có dấu phẩy nên chỉ tạo thành một thẻ
problem-unchecked-import = giá trị do `ketluan import` đoán chưa được kiểm tra lại
problem-unchecked-import-why = giá trị do `ketluan import` đoán chưa được kiểm tra lại: { $reason }
help-comment-in-value = đặt giá trị trong ngoặc kép: `{ $fixed }`
help-tags-in-one-string = viết thành danh sách: `{ $fixed }`
help-unchecked-import = đối chiếu giá trị với bài gốc, sửa nếu cần, rồi xóa dấu `# kiểm tra lại`
problem-unclosed-quote = dấu ngoặc kép mở ở đây không được đóng
problem-unclosed-list = danh sách mở bằng `[` ở đây không được đóng
problem-unclosed-brace = dấu `{"{"}` mở ở đây không được đóng
problem-missing-space = thiếu dấu cách sau `{ $key }:`
problem-colon-in-value = giá trị của `{ $key }` có chứa `: `, YAML hiểu đó là chỗ bắt đầu một khóa khác
problem-indented-key = khóa này bị thụt lề: các khóa của phần khai báo phải bắt đầu ở đầu dòng
problem-list-item-out-of-line = mục danh sách này không thẳng cột với mục phía trên
help-tab-indent-spaces = chỉ thụt lề bằng dấu cách
help-text-after-quote-inside = đặt toàn bộ giá trị vào trong ngoặc kép
help-unclosed-quote = kết thúc giá trị bằng đúng loại dấu ngoặc đã mở, trên cùng dòng
help-unclosed-list = đóng danh sách bằng `]`
help-unclosed-brace = đóng bằng `{"}"}`
help-colon-in-value = đặt toàn bộ giá trị trong ngoặc kép (`{ $key }: "…"`)
help-indented-key = xóa các dấu cách trước khóa
help-list-item-out-of-line = đặt mọi dấu `-` thẳng một cột

## serve

serve-built = Đã tạo { $pages } trang trong { $ms } ms.
serve-serving = Đang phục vụ { $root } tại { $url }
serve-every-interface = (nghe trên mọi giao diện mạng)
serve-watching = Đang theo dõi thay đổi; nhấn Ctrl-C để dừng.
serve-stopped = Đã dừng.
serve-cannot-root = không tìm thấy thư mục trang { $root }: { $reason }
serve-cannot-listen = không mở được cổng { $address }: { $reason } (có thể chương trình khác đang dùng cổng này: thử --port với số khác)
serve-cannot-watch = không theo dõi được thay đổi trong { $root }: { $reason } (thử --poll)
serve-cannot-start = không khởi động được bản xem trước: { $reason }
serve-server-error = máy chủ xem trước đã dừng: { $reason }
serve-fixed = Đã hết lỗi.
serve-rebuilt = Đã tạo lại trong { $ms } ms: dựng { $rendered } trang, { $changed } trang thay đổi hoặc bị bỏ, đang phục vụ { $served } trang{ $files ->
    [0] {""}
   *[other] , { $files } tệp
}.
serve-extras = tiếp theo là nguồn tin, sơ đồ trang, dữ liệu và chỉ mục tìm kiếm: { $ms } ms, { $changed } tệp thay đổi
serve-failed = có { $problems } lỗi; vẫn phục vụ phiên bản tốt gần nhất (trình duyệt cũng hiện các lỗi này)
serve-no-browser = cảnh báo: không mở được trình duyệt ({ $reason }); hãy tự mở { $url }
serve-overlay-title = ketluan: có { $problems } lỗi; trang đang hiện phiên bản tốt gần nhất. Lưu bản sửa là thông báo này biến mất.
serve-overlay-label = ketluan: lỗi khi tạo trang
serve-overlay-help = cách sửa
serve-overlay-hide = Ẩn

## Lỗi do các nhánh khác bổ sung

problem-yaml-aliases = các bí danh YAML (`*tên`) lặp lại quá { $limit } KB nội dung
problem-not-a-file = không phải tệp thông thường (ống dẫn, thiết bị hoặc thư mục); tệp không được đọc
problem-data-too-large = tệp có dung lượng { $size } KB; tệp này chỉ được tối đa { $limit } KB
problem-too-many-citations = văn bản trích dẫn quá { $max } lần; mỗi kết luận chỉ được tối đa { $max } trích dẫn
problem-too-many-documents = kết luận trích dẫn { $count } văn bản khác nhau; chỉ được tối đa { $max }
# Lời của Tera, bằng tiếng Anh.
problem-template = mẫu có lỗi (Tera báo bằng tiếng Anh): { $reason }
problem-template-budget-time = mẫu cần hơn { $limit } giây để tạo một trang
problem-template-budget-output = mẫu tạo ra một trang lớn hơn { $limit } MB
problem-template-budget-loops = các vòng lặp của mẫu vượt quá { $limit } phần tử `range()` trên một trang
problem-template-budget-memory = mẫu cần hơn { $limit } MB bộ nhớ để tạo một trang
problem-windows-name = tên { $name } không dùng được trên Windows: { $reason }
problem-case-clash = { $name } chỉ khác { $other } ở chữ hoa, chữ thường: Windows và macOS coi đó là một tệp
help-too-many-citations = kiểm tra xem tệp có đúng là một kết luận không, hay là danh sách, mục lục văn bản được dán vào; hãy đính kèm danh sách như vậy dưới dạng tệp (PDF)
help-too-many-documents = kiểm tra xem tệp có đúng là một kết luận không, hay là mục lục văn bản được dán vào (mỗi văn bản được trích dẫn sẽ có kết luận này trong nguồn tin của nó); trang cần nhiều hơn thì khai báo `max_cited_documents:` trong site.yaml
help-not-a-file = thay bằng một tệp thông thường cùng tên (ketluan không bao giờ đọc ống dẫn hay thiết bị, vì có thể phải chờ mãi)
help-data-too-large = kiểm tra xem có đúng tệp không: tệp cấu hình, danh mục văn bản, bản dịch và mẫu đều là tệp văn bản nhỏ
help-yaml-aliases = ghi thẳng giá trị ở nơi cần dùng thay vì lặp lại bằng bí danh `*` (`&tên` đặt tên cho một giá trị, mỗi `*tên` lặp lại toàn bộ giá trị đó)
help-template-budget = một mẫu tạo một trang chỉ trong vài giây: hãy tìm vòng lặp lồng trong vòng lặp trên `range()` hoặc trên mọi kết luận, hoặc giá trị mà `set_global` làm dài thêm sau mỗi vòng
help-windows-name = đổi tên thành `{ $rename }` (và sửa tên ở nơi tệp được liệt kê)
help-case-clash = đổi tên một trong hai, ví dụ đổi tệp này thành `{ $rename }`
serve-reachable = cảnh báo: máy khác có thể xem bản xem trước này (cả bản nháp nếu có --drafts); chỉ trả lời yêu cầu tới địa chỉ IP và localhost{ $names } (thêm --allow-host TÊN cho tên miền trỏ về máy này)
cli-import-root = Thư mục của trang (chứa site.yaml và content/)
cli-import-report = Nơi ghi bảng tóm tắt dạng CSV [mặc định: <root>/import-report.csv]
cli-serve-allow-host = Trả lời cả yêu cầu tới tên máy này (dùng được nhiều lần); địa chỉ IP và localhost luôn được trả lời
problem-portal-incomplete = chân trang của cổng thông tin thiếu những mục Nghị định 42/2022/NĐ-CP yêu cầu cổng thông tin của cơ quan nhà nước phải công khai: { $fields }
help-portal-incomplete = điền { $keys } trong khối `portal:` của site.yaml (`ketluan init` viết sẵn khối này, ở dạng chú thích)

## import: where each value came from (written next to `# kiểm tra lại`)

import-src-header = phần đầu trang
import-src-dateline = dòng ghi ngày (dòng { $line })
import-at = `{ $text }` (dòng { $line })
import-date-text = theo bài: { $at }
import-src-header-month = tháng { $month } ở phần đầu trang
import-src-dateline-year = năm { $year } ở dòng ghi ngày (dòng { $line })
import-date-year-from = theo bài: { $at }, năm lấy từ { $source }
import-date-period-year =
    { $count ->
    [one] theo bài: { $at }; năm không được ghi ở đó: { $year } là năm mà { $scope } nêu
   *[other] theo bài: { $at }; năm không được ghi ở đó: { $year } là năm mà { $scope } nêu, sớm nhất trong { $all }
}
import-date-no-year = bài ghi { $at } nhưng không có năm
import-date-relative = theo bài: { $at }, tính từ { $source }
import-date-article = theo { $source }: ngày đăng bài, chưa chắc là ngày họp
import-date-month-only = chỉ biết tháng: { $month } (phần đầu trang)
import-date-none = bài không có ngày
import-body-meeting-sentence = cuộc họp của cơ quan này, trong câu nói về cuộc họp
import-body-meets-sentence = họp, theo câu nói về cuộc họp
import-body-title-head = được nêu ở đầu tiêu đề
import-body-title-meeting = cuộc họp của cơ quan này, trong tiêu đề
import-body-title-meets = họp, theo tiêu đề
import-body-concludes = kết luận (dòng { $line })
import-body-meeting-line = cuộc họp của cơ quan này (dòng { $line })
import-body-first-meeting = cơ quan họp đầu tiên được nêu trong bài (dòng { $line })
import-body-first-directing = cơ quan chỉ đạo đầu tiên được nêu trong bài (dòng { $line })
import-body-chairman = Chủ tịch UBND tỉnh kết luận (dòng { $line })
import-body-none = không tìm thấy cơ quan kết luận
import-chair-chaired-concluded = chủ trì và kết luận (dòng { $line })
import-chair-chaired = chủ trì (dòng { $line })
import-chair-several = người đầu tiên trong số những người chủ trì (dòng { $line }): { $names }
import-chair-concluded = kết luận (dòng { $line })
import-chair-opened = khai mạc hoặc điều hành cuộc họp (dòng { $line }); bài không nói ai chủ trì
import-chair-none = bài không nói ai chủ trì hay kết luận
import-places-more = { $places } và { $more } chỗ khác
import-province-none = bài không nêu tỉnh hay địa danh nào
import-province-unsure = chưa chắc giữa { $province } ({ $score }) và { $others }
import-province-named = được nêu: { $mentions }
import-province-places = theo địa danh: { $mentions }
import-province-also = { $note }; cũng được nêu: { $others }
import-title-header = phần đầu trang (dòng { $line })
import-notice-title = tiêu đề thông báo (dòng { $line })
import-title-first-line = dòng đầu tiên (dòng { $line })
import-title-made = đặt theo câu nói về cuộc họp: bài không có tiêu đề
import-title-none = bài không có tiêu đề
import-scope-meeting = câu nói về cuộc họp
import-scope-title = tiêu đề
import-scope-text = bài
import-date-notice = ngày ban hành thông báo (dòng { $line }); bài không ghi ngày họp
import-province-letterhead = tiêu đề văn bản: `{ $text }` (dòng { $line })
import-province-dateline = địa danh ở dòng ghi ngày: `{ $text }` (dòng { $line }); tiêu đề văn bản không nêu tỉnh
import-body-issuer = cơ quan ban hành ở tiêu đề văn bản (dòng { $line }); tiêu đề không nêu cơ quan
import-number-notice = số của thông báo (dòng { $line })
import-signature = chữ ký (dòng { $line })
import-signature-as = chữ ký (dòng { $line }), `{ $signature }`
import-byline = dòng tên tác giả (dòng { $line })
import-byline-none = không có tên tác giả
import-document-at = { $number } (dòng { $line })
import-none = không có
import-documents-cited = các văn bản có số được dẫn trong bài
import-source-link = một liên kết trong bài
import-outlet-removed = đã bỏ khỏi đầu dòng { $line }
import-classified = văn bản được đánh dấu `{ $mark }`; không nhập gì

## import: the summary

import-summary-read-as = đọc dạng
import-summary-encoding = bảng mã
import-summary-converted = { $encoding }, đã chuyển sang UTF-8
import-found = tìm thấy
import-guessed = ĐOÁN
import-missing = THIẾU
import-summary-removed = đã bỏ
import-removed-lines =
    { $count ->
       *[other] { $why } (dòng { $lines })
    }
import-summary-all-found = đã tìm thấy mọi trường
import-summary-to-check = cần xem lại
import-summary-marked = { $fields } (có dấu `{ $marker }`)
import-debris-link = liên kết sang bài khác
import-debris-dots = dấu chấm đứng riêng
import-debris-notice-title = tiêu đề thông báo
import-debris-caption = chú thích ảnh
import-debris-recipients = nơi nhận và chữ ký
import-debris-repeated = dòng lặp lại
import-debris-section = nhãn chuyên mục
import-debris-rule = đường kẻ dưới tiêu đề
import-debris-byline = dòng tên tác giả
import-debris-contact = liên hệ hoặc bộ đếm
import-debris-image = tên tệp ảnh hoặc chữ của liên kết
import-debris-path = đường dẫn chuyên mục
import-debris-outlet = tên cơ quan báo
import-debris-tools = công cụ của trang
import-debris-related = danh sách "Tin liên quan"
import-debris-dateline = dòng ghi ngày
import-format-text = văn bản
import-format-html = trang web (HTML)
import-format-docx = tài liệu Word (DOCX)
import-format-pdf = tệp PDF
import-outcome-written = đã ghi
import-outcome-printed = đã in ra
import-outcome-duplicate = trùng với { $first }
import-outcome-failed = không nhập được
import-column-file = tệp
import-column-date = ngày
import-column-province = tỉnh
import-column-body = cơ quan
import-column-chair = chủ trì
import-column-documents = văn bản
import-column-to-check = cần xem lại
import-column-result = kết quả
import-encoding-unknown = tệp không phải UTF-8, và đọc theo Windows-1258 hay TCVN3 (ABC) đều không ra tiếng Việt

## Vì sao một giá trị không phải là ngày

date-not-digits = cần các chữ số ngăn cách bằng `-` hoặc `/`
date-not-three-parts = cần đủ ngày, tháng và năm
date-year-digits = năm phải có bốn chữ số
date-no-month = không có tháng { $month }
date-no-day = không tháng nào có ngày { $day }
date-year-range = năm { $year } nằm ngoài khoảng cho phép
date-no-such-day = tháng { $month } năm { $year } không có ngày { $day }

## Vì sao một liên kết không dẫn tới đâu

link-outside-base = liên kết nằm ngoài đường dẫn gốc { $base } của trang
link-no-page = không có trang này
link-no-file = không có tệp { $path } trong bản dựng
link-no-anchor = { $page } không có phần tử nào có id `{ $id }`
link-draft = `{ $slug }` là bản nháp, không được đăng lên trang
link-no-conclusion = không có kết luận nào có slug `{ $slug }`
link-content-file = `{ $name }` là tệp nội dung, không phải một trang
link-not-listed = `{ $name }` chưa được liệt kê trong `attachments` của { $file }
link-no-attachment = `{ $slug }` không có tệp đính kèm `{ $name }`
link-no-document = không có văn bản nào có slug `{ $slug }`
link-no-province = không có trang tỉnh `{ $slug }`

## Dòng lệnh: lỗi cú pháp lệnh

cli-error-unknown-argument = không có tuỳ chọn `{ $arg }`
cli-error-unknown-command = không có lệnh `{ $command }`
cli-error-missing-value = `{ $arg }` cần một giá trị nhưng chưa được ghi
cli-error-invalid-value = giá trị `{ $value }` không hợp lệ cho `{ $arg }`
cli-error-value-validation = giá trị `{ $value }` không hợp lệ cho `{ $arg }`: { $reason }
cli-error-missing-required = còn thiếu các tham số bắt buộc sau:{ $args }
cli-error-tip = gợi ý: có phải ý bạn là `{ $suggestion }`?
cli-error-more = Xem thêm: chạy lệnh với `--help`.

## Vì sao một chuỗi không phải số văn bản

docnum-error = { $input } không phải số văn bản: { $reason }; các dạng được nhận là SỐ-LOẠI/CƠ QUAN (05-NQ/TU), SỐ/LOẠI-CƠ QUAN (108/QĐ-UBND), SỐ/NĂM/LOẠI-CƠ QUAN (326/2021/NQ-HĐND), SỐ/CƠ QUAN-ĐƠN VỊ (1393/UBND-DL1) và SỐ/NĂM/QH15 (98/2023/QH15)
docnum-empty = chuỗi rỗng
docnum-no-number = không bắt đầu bằng một số
docnum-too-many-digits = số có hơn 5 chữ số
docnum-decimal-too-long = có hơn 3 chữ số sau dấu "." (một số tiền hay số điện thoại?)
docnum-several-dots = số có nhiều dấu chấm (một ngày, số tiền hay số điện thoại?)
docnum-letters-after-number = ngay sau số là chữ, không có dấu ngăn cách
docnum-slash-after = ngay sau ký hiệu là dấu "/"
docnum-zero = số văn bản bằng 0
docnum-no-code = sau số không có loại văn bản hay cơ quan ban hành
docnum-date-or-phone = trông như một ngày hay số điện thoại
docnum-dashed-numbers = các số nối bằng "-" (một khoảng hay số điện thoại?)
docnum-range = trông như một khoảng số hay khoảng năm
docnum-dash-no-code = sau dấu "-" tiếp theo số không có mã
docnum-malformed = ký hiệu sai dạng
docnum-date = trông như một ngày
docnum-fraction = trông như một phân số hay ngày/tháng
docnum-month-year = trông như tháng/năm; không có loại văn bản hay cơ quan ban hành
docnum-slash-no-code = sau dấu "/" tiếp theo số không có mã hay năm
docnum-party-needs-slash = dạng văn bản Đảng SỐ-LOẠI cần dấu "/" trước cơ quan ban hành
docnum-no-issuer = sau mã loại văn bản không có cơ quan ban hành
docnum-no-code-after-year = sau năm không có mã loại văn bản hay cơ quan ban hành
docnum-quoc-hoi-year = ký hiệu của Quốc hội cần có năm (98/2023/QH15)
docnum-not-a-type = { $code } không phải mã loại văn bản
docnum-single-segment = ký hiệu chỉ có một phần { $code } (kiểu cũ hoặc bị cắt)
docnum-space-between = có dấu cách giữa các mã mà không có dấu ngăn cách, trước { $rest }
docnum-unexpected = có { $rest } không mong đợi sau ký hiệu

## YAML: lời của libyaml và bộ đọc

yaml-expected-mapping = cần các dòng `khoá: giá trị`
yaml-expected-list = cần một danh sách các mục, mỗi mục bắt đầu bằng `- `
yaml-expected-entry-mapping = mục này cần các dòng `khoá: giá trị`
yaml-control-character = ký tự điều khiển { $code } không được phép ở đây: hãy xoá nó (thường đi kèm chữ chép từ cửa sổ lệnh hay văn bản cũ)
libyaml-mapping-values = có dấu `: ` ở chỗ không được phép (một giá trị có `: ` cần đặt trong ngoặc kép)
libyaml-expected-key = không tìm thấy khoá ở chỗ cần có khoá
libyaml-expected-dash = không tìm thấy dấu `-` của mục danh sách ở chỗ cần có
libyaml-cannot-start-scalar = có ký tự không được đứng đầu một giá trị không ngoặc (như `@`, `` ` ``, `%`): đặt giá trị trong ngoặc kép
libyaml-end-of-stream = tệp kết thúc bất ngờ
libyaml-sequence-entries = mục danh sách (`- `) ở chỗ không được phép
libyaml-expected-colon = không tìm thấy dấu `:` ở chỗ cần có
libyaml-unknown-escape = có chuỗi thoát lạ (dấu `\` trong ngoặc kép): viết `\\` hoặc dùng ngoặc đơn
libyaml-undefined-tag = có thẻ `!` chưa được định nghĩa

## Giá trị cần có dạng gì

expected-title = một tiêu đề không để trống
expected-web-address = một địa chỉ web bắt đầu bằng https:// hoặc http://
expected-text = một giá trị đơn (chữ)
expected-bool = true hoặc false
expected-list = một danh sách: [a, b] hoặc mỗi dòng một `- a`
expected-language = `vi` hoặc `en`
expected-theme = tên một thư mục trong themes/
expected-paginate = một số nguyên kết luận mỗi trang, ít nhất là 1
expected-max-documents = một số nguyên văn bản, ít nhất là 1
expected-portal = các dòng `khoá: giá trị` thụt lề (agency, address, phone…)
expected-email = một địa chỉ thư điện tử, vd. banbientap@hatinh.gov.vn
expected-date = một ngày: 2024-01-15 hoặc 15/01/2024
expected-link = một địa chỉ bắt đầu bằng https://, http:// hoặc /
expected-references = `manual` (chỉ các văn bản ghi trong resolutions) hoặc `auto` (mặc định: cả các văn bản được dẫn trong nội dung)
expected-nonempty = một giá trị không để trống
expected-output-folder = một thư mục nằm ngoài mã nguồn của trang, vd. public/ (thư mục này bị thay mỗi lần dựng)
expected-output-not-link = một thư mục, không phải liên kết tượng trưng (ghi thư mục mà liên kết trỏ tới)
expected-logo = tên một tệp ảnh trong thư mục static/ của trang (static/quoc-huy.svg: `logo: quoc-huy.svg`)
expected-absolute-url = một URL đầy đủ bắt đầu bằng https:// hoặc http://
expected-plain-url = một URL không có phần truy vấn (?), phần neo (#) hay dấu cách
expected-url-host = một URL có tên máy chủ
expected-ascii-host = tên máy chủ bằng chữ ASCII (tên miền tiếng Việt viết ở dạng xn--)
expected-url-path = đường dẫn URL không có đoạn rỗng (//)
expected-links = một danh sách liên kết, mỗi mục `- title: …` với `url: …` ở dòng dưới
expected-translation = một đoạn chữ trong ngoặc kép, không phải danh sách, bảng khoá hay để trống
expected-url-dots = đường dẫn URL không có đoạn `.` hay `..` (kể cả viết là %2e)
expected-url-encoded = đường dẫn URL không có dấu gạch chéo, gạch ngược hay NUL viết dạng mã hoá

## Các phần của thông báo: vì sao, chép gì, làm gì

part-copy-file-into-site = tệp đó vào thư mục trang
part-copy-file-into-content = tệp đó vào content/
part-copy-into-site = tệp hay thư mục đó vào thư mục trang
part-unpublished-unlisted = kết luận không liệt kê tệp trong `attachments:` và không liên kết tới nó
part-unpublished-several = thư mục có nhiều kết luận, và không kết luận nào liệt kê tệp trong `attachments:` hay liên kết tới nó
part-unpublished-page-name = tệp trùng tên với trang của chính kết luận, và sẽ thay trang đó
part-slug-no-letters = tên tệp không có chữ hay số nào để tạo địa chỉ
part-slug-empty = giá trị trống
part-slug-separators = không được có `/`, `\` hay `..`
part-slug-chars = chỉ được dùng chữ thường không dấu, chữ số và `-`
part-slug-dash = không được bắt đầu hay kết thúc bằng `-`
part-slug-long = dài hơn 200 ký tự (tên thư mục phải ngắn)
part-attachment-list-it = đặt tệp cạnh tệp .md và ghi tên tệp, không kèm thư mục
part-attachment-plain = phải là tên một tệp đặt cạnh tệp Markdown, không kèm thư mục
part-attachment-page-name = trùng tên với trang của chính kết luận, và sẽ thay trang đó
part-attachment-rename = đặt cho tệp tên khác (bất kỳ, trừ index.html) và ghi tên đó
part-attachment-not-file = không phải một tệp thông thường
part-attachment-missing = không có tệp này cạnh tệp Markdown
part-attachment-spelling = kiểm tra chính tả và chữ hoa, chữ thường của tên, hoặc đặt tệp cạnh tệp .md
part-classified-take-out = đưa tệp ra khỏi content/
part-classified-leave-mark = bỏ dấu mật khỏi giá trị này
part-classified-leave-article = không đưa bài này lên trang
part-output-permissions = kiểm tra quyền ghi và dung lượng trống của thư mục
part-windows-trailing = Windows bỏ dấu chấm hay dấu cách ở cuối tên
part-windows-device = Windows dành tên này cho thiết bị (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9, với mọi phần mở rộng)
part-windows-chars = Windows không cho phép các ký tự < > : " | ? * hay ký tự điều khiển trong tên

## import: tệp không đọc được

part-docx-fix = mở tệp bằng Word hoặc LibreOffice, lưu lại dạng .docx (hoặc chép chữ sang một tệp .txt) rồi nhập tệp đó
import-docx-zip-damaged = tệp là một tệp nén zip bị hỏng ({ $error })
import-docx-not-word = tệp là tệp nén zip nhưng không phải tài liệu Word (không có word/document.xml)
part-docx-not-word-fix = nhập chính tệp .docx, .pdf, .html hoặc .txt của bài
import-docx-unpack = không giải nén được tài liệu Word ({ $error })
import-docx-too-big = chữ của tài liệu Word khi giải nén lớn hơn { $limit } MB
import-docx-xml = phần XML của tài liệu Word bị hỏng ({ $error })
import-html-too-many = trang web có { $elements } phần tử, nhiều hơn mức { $limit } được đọc
part-html-fix = mở trang bằng trình duyệt, chép chữ của bài sang một tệp .txt rồi nhập tệp đó
import-html-unreadable = không đọc được trang web: { $error }
import-too-large = tệp nặng { $size } MB, hơn mức { $limit } MB của một bài viết hay thông báo
part-too-large-fix = nhập chính tệp của bài, hoặc chép chữ của bài sang một tệp .txt
import-old-word = tệp là tài liệu Word kiểu cũ (.doc, Word 97-2003)
part-old-word-fix = mở tệp bằng Word hoặc LibreOffice, lưu lại dạng .docx (Word Document) rồi nhập tệp đó
import-image = tệp là ảnh ({ $kind }), không phải văn bản
part-image-fix = nhập chữ của bài hoặc tệp Word, PDF của bài; trang chụp ảnh cần nhận dạng chữ (OCR) trước
part-pdf-fix = mở tệp PDF, chép chữ sang một tệp .txt rồi nhập tệp đó; PDF quét từ giấy cần nhận dạng chữ (OCR) trước (ví dụ OCRmyPDF với tiếng Việt, `-l vie`)
import-pdf-no-text = tệp PDF không có lớp chữ (trang quét hay chụp ảnh), nên không có chữ để nhập
part-pdf-ocr = nhận dạng chữ (OCR) trước (ví dụ OCRmyPDF với tiếng Việt: `ocrmypdf -l vie in.pdf out.pdf`) rồi nhập kết quả, hoặc gõ chữ vào một tệp .txt
import-pdf-slow = đọc tệp PDF mất hơn { $seconds } giây
import-pdf-damaged = không đọc được tệp PDF ({ $error })
part-file-empty = tệp trống
part-file-no-text = tệp không có chữ
import-duplicate = cảnh báo: { $file } là cùng một bài với { $first }; đã bỏ qua
import-not-imported = chưa nhập được { $file }
import-report-written = bảng tóm tắt: { $file }

## Ghi bản dựng

write-busy = một lần dựng ketluan khác đang ghi vào { $output } (đang giữ { $lock })
write-not-a-folder = { $output } là một tệp, không phải thư mục
write-not-ours = { $output } là thư mục không do ketluan ghi; không thay thư mục này
write-unreadable = không đọc được { $path }: { $error }
part-write-busy-fix = chờ lần dựng đó xong, hoặc chọn --output khác
part-write-not-a-folder-fix = chọn --output khác, hoặc chuyển tệp đó đi chỗ khác
part-write-not-ours-fix = xoá thư mục đó, chọn --output khác, hoặc thêm --force để thay nó
part-write-unreadable-fix = kiểm tra tệp có tồn tại và đọc được không
write-name-too-long = tên tệp hay thư mục dài hơn mức hệ thống cho phép ({ $error })
part-write-name-too-long-fix = rút ngắn `slug:` hoặc tên tệp đính kèm (slug dài tối đa 200 ký tự), hoặc chọn --output có đường dẫn ngắn hơn
write-busy-folder = thư mục xuất là điểm gắn ổ đĩa hoặc đang được dùng ({ $error })
part-write-busy-folder-fix = ketluan thay cả thư mục xuất một lần, điều hệ thống không cho làm với điểm gắn ổ đĩa: cho --output một thư mục bên trong nó (/mnt/web/ket-luan), và đóng các chương trình đang mở tệp trong đó

## Vì sao (một phần của cảnh báo do check đưa ra)

why-reorganised = đơn vị này được tổ chức lại từ { $date }
why-merged = đơn vị này đã nhập vào { $province } từ { $date }
why-formed = đơn vị này được thành lập từ { $date }
why-year-in-number = năm { $year } (năm ghi trong số văn bản)
why-classified-key = phần khai báo ghi `{ $key }: { $value }`
why-classified-mark = văn bản được đánh dấu `{ $mark }`
