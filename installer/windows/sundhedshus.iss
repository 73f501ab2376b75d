; Inno Setup 6 script: the Windows installer of Sundhedshus (issue 10).
;
; Build the one-folder bundle first (python installer\build.py runs both steps), then:
;     iscc /DAppVersion=0.1.0 /DSourceDir=..\..\dist\sundhedshus /O..\..\dist installer\windows\sundhedshus.iss
; Paths without a drive are relative to this file, so nothing here names one machine's folders.
;
; Installs to Program Files (per machine, with UAC) or, when the user picks "only for me" in the dialog, to the
; user's own programs folder without administrator rights; a Start menu entry, an optional desktop icon, the
; .sundhedshus file association (ProgID Sundhedshus.Plan, "Open with" list) and an uninstaller in
; Settings → Apps. Danish and English. Plans and settings are never removed on uninstall.
; Reference: https://jrsoftware.org/ishelp/ (sections [Setup], [Files], [Icons], [Registry], [Languages]).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\sundhedshus"
#endif
#define AppName "Sundhedshus"
#define AppExe "Sundhedshus.exe"
#define CliExe "sundhedshus-cli.exe"
#define ProgId "Sundhedshus.Plan"
#define IconDir "..\..\resources\icons"

[Setup]
; A fixed AppId: upgrades replace the installed version instead of installing beside it. Never change it.
AppId={{6F1D3C8E-2B57-4C1A-9E0A-5D8B7A4C2E91}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Sundhedshus developers
AppComments=Planlægning af læge- og sundhedshuse
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} installationsprogram
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per machine by default (Program Files); the dialog offers "only for me" (no administrator rights needed).
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputBaseFilename={#AppName}-{#AppVersion}-windows-setup
SetupIconFile={#IconDir}\sundhedshus.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Tell Explorer the associations changed (SHChangeNotify) at the end of install and uninstall.
ChangesAssociations=yes
; A running Sundhedshus holds its files open: offer to close it before replacing them.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto
LanguageDetectionMethod=uilanguage

[Languages]
Name: "danish"; MessagesFile: "compiler:Languages\Danish.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
danish.PlanFile=Sundhedshus-plan
english.PlanFile=Sundhedshus plan
danish.AppComment=Planlæg læge- og sundhedshuse: rumprogram, budget, husleje og ansøgningsbilag
english.AppComment=Plan doctor and health houses: room programme, budget, rent and the application annex
danish.AssocTask=Åbn .sundhedshus-filer med Sundhedshus
english.AssocTask=Open .sundhedshus files with Sundhedshus
danish.LaunchAfter=Start Sundhedshus
english.LaunchAfter=Launch Sundhedshus

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "association"; Description: "{cm:AssocTask}"; GroupDescription: "{cm:AssocFileExtension,{#AppName},.sundhedshus}"

[Files]
; The whole PyInstaller folder: both programs and _internal\ (Python, Qt, the resources).
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#IconDir}\sundhedshus.ico"; DestDir: "{app}"; Flags: ignoreversion

[InstallDelete]
; An upgrade starts from a clean _internal\: files a newer version no longer ships must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Registry]
; File association under HKA (HKLM per machine, HKCU "only for me"), as the Inno Setup FAQ shows. The
; ProgID's keys go with the uninstaller; the extension's default value is cleared only if it is still ours.
Root: HKA; Subkey: "Software\Classes\.sundhedshus"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\.sundhedshus"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-sundhedshus"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\.sundhedshus\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:PlanFile}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\sundhedshus.ico,0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".sundhedshus"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchAfter}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Files the app itself may leave in its folder (Python's byte-code caches); plans live elsewhere.
Type: filesandordirs; Name: "{app}\_internal"
