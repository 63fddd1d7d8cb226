# Install ketluan's prebuilt Windows binary, after checking its SHA-256, and put it
# on the user's PATH. In PowerShell:
#
#   irm https://github.com/your-org/ketluan/releases/latest/download/install.ps1 | iex
#
# Settings (environment): KETLUAN_VERSION (a tag such as v0.2.0; default: latest),
# KETLUAN_INSTALL_DIR (default: %LOCALAPPDATA%\Programs\ketluan), KETLUAN_DOWNLOAD_URL
# (the folder holding the release's files). The release workflow writes the real
# repository in place of your-org/ketluan in the copy it publishes.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$repo = 'your-org/ketluan'
$version = if ($env:KETLUAN_VERSION) { $env:KETLUAN_VERSION } else { 'latest' }
$dir = if ($env:KETLUAN_INSTALL_DIR) { $env:KETLUAN_INSTALL_DIR } else { Join-Path $env:LOCALAPPDATA 'Programs\ketluan' }
$target = 'x86_64-pc-windows-msvc'
$archive = "ketluan-$target.zip"
if ($env:KETLUAN_DOWNLOAD_URL) { $base = $env:KETLUAN_DOWNLOAD_URL }
elseif ($version -eq 'latest') { $base = "https://github.com/$repo/releases/latest/download" }
else { $base = "https://github.com/$repo/releases/download/$version" }

$tmp = Join-Path ([System.IO.Path]::GetTempPath()) ("ketluan-" + [System.Guid]::NewGuid())
New-Item -ItemType Directory -Path $tmp | Out-Null
try {
    Write-Host "Downloading $archive ($version)..."
    Invoke-WebRequest -UseBasicParsing -Uri "$base/$archive" -OutFile (Join-Path $tmp $archive)
    Invoke-WebRequest -UseBasicParsing -Uri "$base/$archive.sha256" -OutFile (Join-Path $tmp "$archive.sha256")
    $expected = ((Get-Content (Join-Path $tmp "$archive.sha256") -Raw).Trim() -split '\s+')[0].ToLowerInvariant()
    $actual = (Get-FileHash -Algorithm SHA256 (Join-Path $tmp $archive)).Hash.ToLowerInvariant()
    if (-not $expected -or $expected -ne $actual) {
        throw "checksum mismatch for $archive (expected $expected, got $actual): nothing installed"
    }
    Expand-Archive -Path (Join-Path $tmp $archive) -DestinationPath $tmp -Force
    $exe = Join-Path $tmp "ketluan-$target\ketluan.exe"
    if (-not (Test-Path $exe)) { throw "$archive holds no ketluan-$target\ketluan.exe" }
    New-Item -ItemType Directory -Force -Path $dir | Out-Null
    Copy-Item -Force $exe (Join-Path $dir 'ketluan.exe')
} finally {
    Remove-Item -Recurse -Force $tmp -ErrorAction SilentlyContinue
}

$userPath = [Environment]::GetEnvironmentVariable('Path', 'User')
if (-not (($userPath -split ';') -contains $dir)) {
    $newPath = if ($userPath) { "$userPath;$dir" } else { $dir }
    [Environment]::SetEnvironmentVariable('Path', $newPath, 'User')
    Write-Host "Added $dir to your PATH: open a new terminal to use it."
}
$env:Path = "$env:Path;$dir"
& (Join-Path $dir 'ketluan.exe') --version
Write-Host "Installed to $dir\ketluan.exe"
