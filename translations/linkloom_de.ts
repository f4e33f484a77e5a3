<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccountConfig</name>
    <message>
        <source>Give the account a short id of letters, digits, “-”, “_” or “.” (at most 64), e.g. “sales”.</source>
        <translation>Geben Sie dem Konto eine kurze ID aus Buchstaben, Ziffern, „-“, „_“ oder „.“ (höchstens 64 Zeichen), z. B. „sales“.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address as an https:// URL, e.g. “https://api.copper.com/developer_api/v1”.</source>
        <translation>Geben Sie die Adresse des Servers als https://-URL ein, z. B. „https://api.copper.com/developer_api/v1“.</translation>
    </message>
    <message>
        <source>Use an https:// address: Linkloom sends credentials over plain http only to this computer (localhost).</source>
        <translation>Verwenden Sie eine https://-Adresse: Über unverschlüsseltes http sendet Linkloom Zugangsdaten nur an diesen Computer (localhost).</translation>
    </message>
    <message>
        <source>Remove the user name and password from the address: enter credentials in their own fields.</source>
        <translation>Entfernen Sie Benutzername und Passwort aus der Adresse: Geben Sie Zugangsdaten in die dafür vorgesehenen Felder ein.</translation>
    </message>
    <message>
        <source>Enter the email address of the Copper user the API key belongs to.</source>
        <translation>Geben Sie die E-Mail-Adresse des Copper-Benutzers ein, dem der API-Schlüssel gehört.</translation>
    </message>
</context>
<context>
    <name>AccountEditDialog</name>
    <message>
        <source>Add %1 Account</source>
        <translation>%1-Konto hinzufügen</translation>
    </message>
    <message>
        <source>%1 — Account Settings</source>
        <translation>%1 — Kontoeinstellungen</translation>
    </message>
    <message>
        <source>e.g. Sales CRM</source>
        <translation>z. B. Vertriebs-CRM</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>A short, unique name Linkloom uses in record keys and on the command line. It cannot be changed later.</source>
        <translation>Ein kurzer, eindeutiger Name, den Linkloom in Datensatzschlüsseln und auf der Befehlszeile verwendet. Er kann später nicht geändert werden.</translation>
    </message>
    <message>
        <source>The id cannot be changed: record keys use it.</source>
        <translation>Die ID kann nicht geändert werden: Datensatzschlüssel verwenden sie.</translation>
    </message>
    <message>
        <source>&amp;Id:</source>
        <translation>&amp;ID:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>The built-in sandbox serves this demo account; its address changes every time Linkloom starts.</source>
        <translation>Die eingebaute Sandbox stellt dieses Demo-Konto bereit; seine Adresse ändert sich bei jedem Start von Linkloom.</translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>The email address of the Copper user who made the API key</source>
        <translation>Die E-Mail-Adresse des Copper-Benutzers, der den API-Schlüssel erstellt hat</translation>
    </message>
    <message>
        <source>User &amp;email:</source>
        <translation>&amp;E-Mail des Benutzers:</translation>
    </message>
    <message>
        <source>Every organization</source>
        <translation>Alle Organisationen</translation>
    </message>
    <message>
        <source>A pm415 organization id, or empty for every organization you belong to</source>
        <translation>Eine pm415-Organisations-ID oder leer für alle Organisationen, denen Sie angehören</translation>
    </message>
    <message>
        <source>&amp;Organization:</source>
        <translation>&amp;Organisation:</translation>
    </message>
    <message>
        <source>The first repository</source>
        <translation>Das erste Repository</translation>
    </message>
    <message>
        <source>The repository id (e.g. r-abc123), or empty for the first one the account may read</source>
        <translation>Die Repository-ID (z. B. r-abc123) oder leer für das erste, das das Konto lesen darf</translation>
    </message>
    <message>
        <source>&amp;Repository:</source>
        <translation>&amp;Repository:</translation>
    </message>
    <message>
        <source>Sign &amp;In in the Browser…</source>
        <translation>Im &amp;Browser anmelden…</translation>
    </message>
    <message>
        <source>Opens %1&apos;s sign-in page in your web browser; Linkloom receives the permission on this computer only.</source>
        <translation>Öffnet die Anmeldeseite von %1 in Ihrem Webbrowser; Linkloom erhält die Berechtigung nur auf diesem Computer.</translation>
    </message>
    <message>
        <source>Credential:</source>
        <translation>Zugangsdaten:</translation>
    </message>
    <message>
        <source>Personal access token</source>
        <translation>Persönliches Zugriffstoken</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Show the credential</source>
        <translation>Zugangsdaten anzeigen</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>The sandbox&apos;s demo credential</source>
        <translation>Die Demo-Zugangsdaten der Sandbox</translation>
    </message>
    <message>
        <source>Kept in the keychain — type to replace</source>
        <translation>Im Schlüsselbund gespeichert — zum Ersetzen neu eingeben</translation>
    </message>
    <message>
        <source>No system keychain is available: credentials are kept only until Linkloom quits. Start a Secret Service (e.g. GNOME Keyring or KWallet) to keep them.</source>
        <translation>Kein Systemschlüsselbund verfügbar: Zugangsdaten werden nur aufbewahrt, bis Linkloom beendet wird. Starten Sie einen Secret Service (z. B. GNOME Keyring oder KWallet), um sie dauerhaft zu speichern.</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>&amp;Verbindung testen</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <source>Waiting for the sign-in in your web browser…</source>
        <translation>Warten auf die Anmeldung in Ihrem Webbrowser…</translation>
    </message>
    <message>
        <source>There is already a %1 account with the id “%2”: choose another.</source>
        <translation>Es gibt bereits ein %1-Konto mit der ID „%2“: Wählen Sie eine andere.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
</context>
<context>
    <name>AccountManager</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Reached %1</source>
        <translation>%1 erreicht</translation>
    </message>
    <message>
        <source>Credential accepted</source>
        <translation>Zugangsdaten akzeptiert</translation>
    </message>
    <message numerus="yes">
        <source>%n link type(s) available</source>
        <translation>
            <numerusform>%n Verknüpfungstyp verfügbar</numerusform>
            <numerusform>%n Verknüpfungstypen verfügbar</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not reach %1</source>
        <translation>%1 nicht erreichbar</translation>
    </message>
    <message>
        <source>Credential refused</source>
        <translation>Zugangsdaten abgelehnt</translation>
    </message>
    <message>
        <source>No %1 API at this address</source>
        <translation>Keine %1-API unter dieser Adresse</translation>
    </message>
    <message>
        <source>The server refused the request</source>
        <translation>Der Server hat die Anfrage abgelehnt</translation>
    </message>
    <message>
        <source>Sign in to Laserfiche for “%1”: File › Accounts, Edit, Sign In.</source>
        <translation>Melden Sie sich für „%1“ bei Laserfiche an: Datei › Konten, Bearbeiten, Im Browser anmelden.</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>Melden Sie sich zuerst an.</translation>
    </message>
    <message>
        <source>Enter the credential (API key or token) first.</source>
        <translation>Geben Sie zuerst die Zugangsdaten (API-Schlüssel oder Token) ein.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt…</translation>
    </message>
    <message>
        <source>%1 accounts use an API key or token, not a sign-in.</source>
        <translation>%1-Konten verwenden einen API-Schlüssel oder ein Token, keine Anmeldung.</translation>
    </message>
    <message>
        <source>✓ Signed in to Laserfiche</source>
        <translation>✓ Bei Laserfiche angemeldet</translation>
    </message>
    <message>
        <source>Waiting for the sign-in in your web browser…</source>
        <translation>Warten auf die Anmeldung in Ihrem Webbrowser…</translation>
    </message>
    <message>
        <source>“%1” is not connected: open Accounts and enter its credential.</source>
        <translation>„%1“ ist nicht verbunden: Öffnen Sie „Konten“ und geben Sie die Zugangsdaten ein.</translation>
    </message>
    <message>
        <source>The workspace has no such account.</source>
        <translation>Dieses Konto gibt es im Arbeitsbereich nicht.</translation>
    </message>
</context>
<context>
    <name>AccountSync</name>
    <message>
        <source>The account or the workspace is gone.</source>
        <translation>Das Konto oder der Arbeitsbereich existiert nicht mehr.</translation>
    </message>
    <message>
        <source>Reading the link types…</source>
        <translation>Verknüpfungstypen werden gelesen…</translation>
    </message>
    <message>
        <source>The sync was cancelled. What was read so far is kept.</source>
        <translation>Die Synchronisierung wurde abgebrochen. Was bisher gelesen wurde, bleibt erhalten.</translation>
    </message>
    <message>
        <source>%1 records, %2 links</source>
        <translation>%1 Datensätze, %2 Verknüpfungen</translation>
    </message>
    <message numerus="yes">
        <source>, %n error(s)</source>
        <translation>
            <numerusform>, %n Fehler</numerusform>
            <numerusform>, %n Fehler</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <source>Reading links…</source>
        <translation>Verknüpfungen werden gelesen…</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weiterer</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) could not be read: %1</source>
        <translation>
            <numerusform>%n Datensatz konnte nicht gelesen werden: %1</numerusform>
            <numerusform>%n Datensätze konnten nicht gelesen werden: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The links of these records could not be read (the rest were stored; sync again to retry them):
%1</source>
        <translation>Die Verknüpfungen dieser Datensätze konnten nicht gelesen werden (die übrigen wurden gespeichert; synchronisieren Sie erneut, um sie noch einmal zu lesen):
%1</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Entfernen…</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>Jetzt &amp;synchronisieren</translation>
    </message>
    <message>
        <source>Read every record and link of the account into the workspace</source>
        <translation>Alle Datensätze und Verknüpfungen des Kontos in den Arbeitsbereich einlesen</translation>
    </message>
    <message>
        <source>No system keychain is available: credentials are kept only until Linkloom quits.</source>
        <translation>Kein Systemschlüsselbund verfügbar: Zugangsdaten werden nur aufbewahrt, bis Linkloom beendet wird.</translation>
    </message>
    <message>
        <source>demo data</source>
        <translation>Demodaten</translation>
    </message>
    <message>
        <source>Remove Account</source>
        <translation>Konto entfernen</translation>
    </message>
    <message>
        <source>Remove the %1 account “%2”?</source>
        <translation>Das %1-Konto „%2“ entfernen?</translation>
    </message>
    <message>
        <source>Its credential is deleted from the keychain. Nothing changes in %1; the records already read stay in the workspace file but are no longer shown.</source>
        <translation>Seine Zugangsdaten werden aus dem Schlüsselbund gelöscht. In %1 ändert sich nichts; die bereits gelesenen Datensätze bleiben in der Arbeitsbereichsdatei, werden aber nicht mehr angezeigt.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Commands:
  accounts                        the workspace&apos;s accounts
  add-account VENDOR:ID --url URL [--name NAME] [--user E-MAIL] [--option KEY=VALUE]...
                                  adds or changes an account (never its secret)
  remove-account VENDOR:ID        forgets an account
  sync VENDOR:ID                  reads every record and link of the account
  records VENDOR:ID [--type TYPE] the records the workspace holds
  links RECORD [--refresh]        a record&apos;s links (--refresh: read them from the vendor first)
  link RECORD RECORD [--type T]   creates a link, checked against the vendor&apos;s rules first
  unlink RECORD RECORD --type T   removes a link

VENDOR is copper, devrev, pm415 or laserfiche. RECORD is vendor:account:type:id, as the
records and links commands print it. A link goes from the first RECORD to the second where
its type allows either way.

Secrets are read from the environment, never from the command line:
  LINKLOOM_SECRET_&lt;VENDOR&gt;_&lt;ACCOUNT&gt;   e.g. LINKLOOM_SECRET_COPPER_SALES for copper:sales
                                       (letters upper-cased, anything else as _)

Exit codes: 0 done; 1 the vendor refused or could not be reached, or no secret is set; 2 bad
usage; 3 the workspace cannot be opened or written; 4 the vendor&apos;s rules do not allow the
link (no change was sent).</source>
        <translation>Befehle:
  accounts                              die Konten des Arbeitsbereichs
  add-account ANBIETER:ID --url URL [--name NAME] [--user E-MAIL] [--option SCHLÜSSEL=WERT]...
                                        fügt ein Konto hinzu oder ändert es (nie sein Geheimnis)
  remove-account ANBIETER:ID            vergisst ein Konto
  sync ANBIETER:ID                      liest alle Datensätze und Verknüpfungen des Kontos
  records ANBIETER:ID [--type TYP]      die Datensätze im Arbeitsbereich
  links DATENSATZ [--refresh]           die Verknüpfungen eines Datensatzes (--refresh: zuerst vom
                                        Anbieter lesen)
  link DATENSATZ DATENSATZ [--type T]   erstellt eine Verknüpfung, zuvor gegen die Regeln des
                                        Anbieters geprüft
  unlink DATENSATZ DATENSATZ --type T   entfernt eine Verknüpfung

ANBIETER ist copper, devrev, pm415 oder laserfiche. DATENSATZ ist anbieter:konto:typ:id, so
wie die Befehle records und links ihn ausgeben. Erlaubt der Typ einer Verknüpfung beide
Richtungen, führt sie vom ersten DATENSATZ zum zweiten.

Geheimnisse werden aus der Umgebung gelesen, nie von der Befehlszeile:
  LINKLOOM_SECRET_&lt;ANBIETER&gt;_&lt;KONTO&gt;   z. B. LINKLOOM_SECRET_COPPER_SALES für copper:sales
                                       (Buchstaben groß geschrieben, alle anderen Zeichen als _)

Rückgabewerte: 0 erledigt; 1 der Anbieter hat abgelehnt oder war nicht erreichbar, oder es
ist kein Geheimnis gesetzt; 2 falscher Aufruf; 3 der Arbeitsbereich kann nicht geöffnet oder
geschrieben werden; 4 die Regeln des Anbieters erlauben die Verknüpfung nicht (es wurde
keine Änderung gesendet).</translation>
    </message>
    <message>
        <source>Run “linkloom-cli --help” for the commands.</source>
        <translation>Rufen Sie „linkloom-cli --help“ auf, um die Befehle zu sehen.</translation>
    </message>
    <message>
        <source>Lists, syncs and links the records of a Linkloom workspace.</source>
        <translation>Listet, synchronisiert und verknüpft die Datensätze eines Linkloom-Arbeitsbereichs.</translation>
    </message>
    <message>
        <source>The workspace &lt;file&gt; (default: the demo workspace).</source>
        <translation>Der Arbeitsbereich &lt;Datei&gt; (Standard: der Demo-Arbeitsbereich).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Print JSON instead of text.</source>
        <translation>JSON statt Text ausgeben.</translation>
    </message>
    <message>
        <source>A record or link type.</source>
        <translation>Ein Datensatz- oder Verknüpfungstyp.</translation>
    </message>
    <message>
        <source>type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>The account&apos;s API base URL.</source>
        <translation>Die Basis-URL der API des Kontos.</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>The account&apos;s name.</source>
        <translation>Der Name des Kontos.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Copper: the API key owner&apos;s e-mail.</source>
        <translation>Copper: die E-Mail-Adresse des Besitzers des API-Schlüssels.</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>A vendor setting (repeatable).</source>
        <translation>Eine Anbietereinstellung (wiederholbar).</translation>
    </message>
    <message>
        <source>key=value</source>
        <translation>Schlüssel=Wert</translation>
    </message>
    <message>
        <source>Read from the vendor first.</source>
        <translation>Zuerst vom Anbieter lesen.</translation>
    </message>
    <message>
        <source>What to do (see Commands).</source>
        <translation>Was zu tun ist (siehe Befehle).</translation>
    </message>
    <message>
        <source>No command given.</source>
        <translation>Kein Befehl angegeben.</translation>
    </message>
    <message>
        <source>Unknown command “%1”.</source>
        <translation>Unbekannter Befehl „%1“.</translation>
    </message>
    <message>
        <source>“accounts” takes no argument.</source>
        <translation>„accounts“ erwartet kein Argument.</translation>
    </message>
    <message>
        <source>Use: add-account VENDOR:ID --url URL</source>
        <translation>Aufruf: add-account ANBIETER:ID --url URL</translation>
    </message>
    <message>
        <source>“%1” is not VENDOR:ID.</source>
        <translation>„%1“ hat nicht die Form ANBIETER:ID.</translation>
    </message>
    <message>
        <source>“%1” is not KEY=VALUE.</source>
        <translation>„%1“ hat nicht die Form SCHLÜSSEL=WERT.</translation>
    </message>
    <message>
        <source>“%1” is not an http(s) URL.</source>
        <translation>„%1“ ist keine http(s)-URL.</translation>
    </message>
    <message>
        <source>A Copper account needs --user E-MAIL: the user the API key belongs to.</source>
        <translation>Ein Copper-Konto benötigt --user E-MAIL: den Benutzer, dem der API-Schlüssel gehört.</translation>
    </message>
    <message>
        <source>Use: remove-account VENDOR:ID</source>
        <translation>Aufruf: remove-account ANBIETER:ID</translation>
    </message>
    <message>
        <source>Use: sync VENDOR:ID</source>
        <translation>Aufruf: sync ANBIETER:ID</translation>
    </message>
    <message>
        <source>Use: records VENDOR:ID</source>
        <translation>Aufruf: records ANBIETER:ID</translation>
    </message>
    <message>
        <source>Use: links RECORD</source>
        <translation>Aufruf: links DATENSATZ</translation>
    </message>
    <message>
        <source>Use: link RECORD RECORD [--type TYPE]</source>
        <translation>Aufruf: link DATENSATZ DATENSATZ [--type TYP]</translation>
    </message>
    <message>
        <source>Use: unlink RECORD RECORD --type TYPE</source>
        <translation>Aufruf: unlink DATENSATZ DATENSATZ --type TYP</translation>
    </message>
    <message>
        <source>“%1” is not VENDOR:ID (e.g. copper:sales).</source>
        <translation>„%1“ hat nicht die Form ANBIETER:ID (z. B. copper:sales).</translation>
    </message>
    <message>
        <source>The workspace has no account “%1”. Add it with add-account.</source>
        <translation>Der Arbeitsbereich hat kein Konto „%1“. Fügen Sie es mit add-account hinzu.</translation>
    </message>
    <message>
        <source>“%1” is not a record (vendor:account:type:id).</source>
        <translation>„%1“ ist kein Datensatz (anbieter:konto:typ:id).</translation>
    </message>
    <message>
        <source>No credential for %1: set the environment variable %2.</source>
        <translation>Keine Zugangsdaten für %1: Setzen Sie die Umgebungsvariable %2.</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>These records are already linked by “%1”.</source>
        <translation>Diese Datensätze sind bereits durch „%1“ verknüpft.</translation>
    </message>
    <message>
        <source>A link of type “%1” is not allowed here.</source>
        <translation>Eine Verknüpfung vom Typ „%1“ ist hier nicht erlaubt.</translation>
    </message>
    <message>
        <source>More than one link type fits; choose one with --type:</source>
        <translation>Mehr als ein Verknüpfungstyp passt; wählen Sie einen mit --type:</translation>
    </message>
    <message>
        <source>The account has no link type “%1”.</source>
        <translation>Das Konto hat keinen Verknüpfungstyp „%1“.</translation>
    </message>
    <message>
        <source>Linked: %1</source>
        <translation>Verknüpft: %1</translation>
    </message>
    <message>
        <source>Unlinked: %1</source>
        <translation>Verknüpfung entfernt: %1</translation>
    </message>
</context>
<context>
    <name>Connector</name>
    <message>
        <source>record %1 is not a record of this account. Refresh the records and try again.</source>
        <translation>Datensatz %1 gehört nicht zu diesem Konto. Aktualisieren Sie die Datensätze und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>a link is moved to another link of one of its records; these two links share no record, or both.</source>
        <translation>eine Verknüpfung wird nur auf eine andere Verknüpfung eines ihrer Datensätze verschoben; diese beiden Verknüpfungen haben keinen Datensatz gemeinsam oder beide.</translation>
    </message>
    <message>
        <source>%1 is now linked to %2, but its link to %3 could not be removed, so both may be there: %4 Remove the link to %3 again.</source>
        <translation>%1 ist jetzt mit %2 verknüpft, aber die Verknüpfung mit %3 konnte nicht entfernt werden, daher bestehen möglicherweise beide: %4 Entfernen Sie die Verknüpfung mit %3 noch einmal.</translation>
    </message>
</context>
<context>
    <name>ConnectorOperation</name>
    <message>
        <source>Linkloom cannot send this request to %1 (account “%2”): %3</source>
        <translation>Linkloom kann diese Anfrage nicht an %1 (Konto „%2“) senden: %3</translation>
    </message>
    <message>
        <source>The address of %1 account “%2” is not an http(s) URL. Correct it in the account settings.</source>
        <translation>Die Adresse des %1-Kontos „%2“ ist keine http(s)-URL. Korrigieren Sie sie in den Kontoeinstellungen.</translation>
    </message>
    <message>
        <source>%1 (account “%2”) pointed Linkloom to another server. Linkloom does not send your credentials there; check the account&apos;s address.</source>
        <translation>%1 (Konto „%2“) hat Linkloom an einen anderen Server verwiesen. Linkloom sendet Ihre Zugangsdaten nicht dorthin; prüfen Sie die Adresse des Kontos.</translation>
    </message>
</context>
<context>
    <name>Connectors</name>
    <message>
        <source>Linkloom has no sign-in for Laserfiche account “%1”.</source>
        <translation>Linkloom hat keine Anmeldung für das Laserfiche-Konto „%1“.</translation>
    </message>
    <message>
        <source>No credential for %1 account “%2”. Enter it in the account settings.</source>
        <translation>Keine Zugangsdaten für das %1-Konto „%2“. Geben Sie sie in den Kontoeinstellungen ein.</translation>
    </message>
    <message>
        <source>This version of Linkloom cannot connect to %1 yet.</source>
        <translation>Diese Linkloom-Version kann sich noch nicht mit %1 verbinden.</translation>
    </message>
</context>
<context>
    <name>Copper</name>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-mail domain</source>
        <translation>E-Mail-Domäne</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Close date</source>
        <translation>Abschlussdatum</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Fällig am</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>(unnamed %1 %2)</source>
        <translation>(%1 %2 ohne Namen)</translation>
    </message>
    <message>
        <source>is related to</source>
        <translation>steht in Beziehung zu</translation>
    </message>
    <message>
        <source>Related items</source>
        <translation>Zugehörige Elemente</translation>
    </message>
</context>
<context>
    <name>CopperConnector</name>
    <message>
        <source>related record</source>
        <translation>zugehörigen Datensatz</translation>
    </message>
    <message>
        <source>company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>%1 could not be related to %2, so it stays related to %3, as before. %4</source>
        <translation>%1 konnte nicht mit %2 verknüpft werden, daher bleibt %1 wie zuvor mit %3 verknüpft. %4</translation>
    </message>
    <message>
        <source>%1 has no %2 now; it was %3.</source>
        <translation>%1 ist jetzt ohne %2 (bisher: %3).</translation>
    </message>
    <message>
        <source>%1 may have no %2 now; it was %3.</source>
        <translation>%1 ist jetzt möglicherweise ohne %2 (bisher: %3).</translation>
    </message>
    <message>
        <source>%1 could not be related to %2, and Linkloom could not relate it to %3 again: %4 Relate %1 to %3 again in Copper. %5</source>
        <translation>%1 konnte nicht mit %2 verknüpft werden, und Linkloom konnte %1 nicht wieder mit %3 verknüpfen: %4 Verknüpfen Sie %1 in Copper wieder mit %3. %5</translation>
    </message>
    <message>
        <source>Copper CRM (account “%1”) still lists connection %2 after Linkloom deleted it %3 times. Delete it in Copper.</source>
        <translation>Copper CRM (Konto „%1“) führt die Verbindung %2 weiterhin auf, obwohl Linkloom sie %3-mal gelöscht hat. Löschen Sie sie in Copper.</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Firmen</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <source>Opportunities</source>
        <translation>Verkaufschancen</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Projekte</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>“%1” is not a Copper record type.</source>
        <translation>„%1“ ist kein Copper-Datensatztyp.</translation>
    </message>
    <message>
        <source>“%1” is not a Copper id.</source>
        <translation>„%1“ ist keine Copper-ID.</translation>
    </message>
    <message>
        <source>Copper connect fields do not join these records.</source>
        <translation>Die Verbindungsfelder von Copper verbinden diese Datensätze nicht.</translation>
    </message>
</context>
<context>
    <name>DevRev</name>
    <message>
        <source>is parent of</source>
        <translation>ist übergeordnetes Element von</translation>
    </message>
    <message>
        <source>is child of</source>
        <translation>ist untergeordnetes Element von</translation>
    </message>
    <message>
        <source>is dependent on</source>
        <translation>hängt ab von</translation>
    </message>
    <message>
        <source>is dependency of</source>
        <translation>ist Abhängigkeit von</translation>
    </message>
    <message>
        <source>is duplicate of</source>
        <translation>ist Duplikat von</translation>
    </message>
    <message>
        <source>is duplicated by</source>
        <translation>wird dupliziert durch</translation>
    </message>
    <message>
        <source>is merged into</source>
        <translation>ist zusammengeführt in</translation>
    </message>
    <message>
        <source>was merged from</source>
        <translation>wurde zusammengeführt aus</translation>
    </message>
    <message>
        <source>is related to</source>
        <translation>steht in Beziehung zu</translation>
    </message>
    <message>
        <source>is part of</source>
        <translation>ist Teil von</translation>
    </message>
    <message>
        <source>has part</source>
        <translation>hat Teil</translation>
    </message>
    <message>
        <source>developed with</source>
        <translation>entwickelt mit</translation>
    </message>
    <message>
        <source>develops</source>
        <translation>entwickelt</translation>
    </message>
    <message>
        <source>is analyzed by</source>
        <translation>wird analysiert von</translation>
    </message>
    <message>
        <source>analyzes</source>
        <translation>analysiert</translation>
    </message>
    <message>
        <source>is converted to</source>
        <translation>ist umgewandelt in</translation>
    </message>
    <message>
        <source>was converted from</source>
        <translation>wurde umgewandelt aus</translation>
    </message>
    <message>
        <source>is follow-up of</source>
        <translation>ist Folgeelement von</translation>
    </message>
    <message>
        <source>has follow-up</source>
        <translation>hat Folgeelement</translation>
    </message>
    <message>
        <source>serves</source>
        <translation>bedient</translation>
    </message>
    <message>
        <source>is served by</source>
        <translation>wird bedient von</translation>
    </message>
    <message>
        <source>imports</source>
        <translation>importiert</translation>
    </message>
    <message>
        <source>is imported by</source>
        <translation>wird importiert von</translation>
    </message>
    <message>
        <source>Display ID</source>
        <translation>Anzeige-ID</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Owners</source>
        <translation>Verantwortliche</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Kundenkonto</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Teil</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>links of this custom link type</source>
        <translation>Verknüpfungen dieses benutzerdefinierten Verknüpfungstyps</translation>
    </message>
    <message>
        <source>links of type “%1”</source>
        <translation>Verknüpfungen vom Typ „%1“</translation>
    </message>
    <message>
        <source>%1 cannot start from a %2.</source>
        <translation>%1 können nicht bei einem Datensatz vom Typ „%2“ beginnen.</translation>
    </message>
    <message>
        <source>%1 cannot start from a %2; they can start from: %3.</source>
        <translation>%1 können nicht bei einem Datensatz vom Typ „%2“ beginnen; sie können beginnen bei: %3.</translation>
    </message>
    <message>
        <source>%1 cannot go from a %2 to a %3.</source>
        <translation>%1 können nicht von einem Datensatz vom Typ „%2“ zu einem vom Typ „%3“ führen.</translation>
    </message>
    <message>
        <source>%1 cannot go from a %2 to a %3; from a %2 they can go to: %4.</source>
        <translation>%1 können nicht von einem Datensatz vom Typ „%2“ zu einem vom Typ „%3“ führen; von einem Datensatz vom Typ „%2“ können sie führen zu: %4.</translation>
    </message>
    <message>
        <source>this %1 already has a parent in DevRev (%2), and an item has only one parent. Remove that link first.</source>
        <translation>dieser Datensatz vom Typ „%1“ hat in DevRev bereits ein übergeordnetes Element (%2), und ein Element hat nur ein übergeordnetes Element. Entfernen Sie zuerst diese Verknüpfung.</translation>
    </message>
    <message>
        <source>another item</source>
        <translation>ein anderes Element</translation>
    </message>
    <message>
        <source>DevRev does not know this custom link type. Refresh the link types and try again.</source>
        <translation>DevRev kennt diesen benutzerdefinierten Verknüpfungstyp nicht. Aktualisieren Sie die Verknüpfungstypen und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>DevRev does not know one of these records; it may have been deleted. Refresh and try again.</source>
        <translation>DevRev kennt einen dieser Datensätze nicht; vielleicht wurde er gelöscht. Aktualisieren Sie und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>the request lacked %1.</source>
        <translation>in der Anfrage fehlte %1.</translation>
    </message>
    <message>
        <source>a field</source>
        <translation>ein Feld</translation>
    </message>
    <message>
        <source>this custom link type is deprecated: it keeps its links but takes no new ones.</source>
        <translation>dieser benutzerdefinierte Verknüpfungstyp ist veraltet: Er behält seine Verknüpfungen, nimmt aber keine neuen an.</translation>
    </message>
    <message>
        <source>the link would make a cycle, which DevRev does not allow.</source>
        <translation>die Verknüpfung würde einen Zyklus bilden, was DevRev nicht erlaubt.</translation>
    </message>
    <message>
        <source>DevRev allows two levels of children below an item at most.</source>
        <translation>DevRev erlaubt unter einem Element höchstens zwei Ebenen untergeordneter Elemente.</translation>
    </message>
    <message>
        <source>this %1 is already merged into another item, and an item is merged into one item only.</source>
        <translation>dieser Datensatz vom Typ „%1“ ist bereits in ein anderes Element zusammengeführt, und ein Element kann nur in ein einziges Element zusammengeführt werden.</translation>
    </message>
    <message>
        <source>a record cannot be linked to itself.</source>
        <translation>ein Datensatz kann nicht mit sich selbst verknüpft werden.</translation>
    </message>
    <message>
        <source>DevRev does not take this link.</source>
        <translation>DevRev nimmt diese Verknüpfung nicht an.</translation>
    </message>
</context>
<context>
    <name>DevRevConnector</name>
    <message>
        <source>%1 (account “%2”)</source>
        <translation>%1 (Konto „%2“)</translation>
    </message>
    <message>
        <source>DevRev said: “%1”</source>
        <translation>DevRev meldet: „%1“</translation>
    </message>
    <message>
        <source>%1 did not accept the personal access token: it may be mistyped, expired or revoked. Check the token, or create a new one in DevRev (Settings, Personal access tokens), and enter it in the account settings.</source>
        <translation>%1 hat das persönliche Zugriffstoken nicht akzeptiert: Es ist vielleicht falsch eingegeben, abgelaufen oder widerrufen. Prüfen Sie das Token oder erstellen Sie in DevRev ein neues (Settings, Personal access tokens) und geben Sie es in den Kontoeinstellungen ein.</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>Issues</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <source>Opportunities</source>
        <translation>Verkaufschancen</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>Capabilities</source>
        <translation>Fähigkeiten</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Features</translation>
    </message>
    <message>
        <source>Enhancements</source>
        <translation>Verbesserungen</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Kundenkonten</translation>
    </message>
    <message>
        <source>Customer contacts</source>
        <translation>Kundenkontakte</translation>
    </message>
    <message>
        <source>Team members</source>
        <translation>Teammitglieder</translation>
    </message>
    <message>
        <source>“%1” is not a DevRev record type.</source>
        <translation>„%1“ ist kein DevRev-Datensatztyp.</translation>
    </message>
    <message>
        <source>“%1” is not a DevRev id.</source>
        <translation>„%1“ ist keine DevRev-ID.</translation>
    </message>
    <message>
        <source>“%1” is not a DevRev record type Linkloom lists.</source>
        <translation>„%1“ ist kein DevRev-Datensatztyp, den Linkloom auflistet.</translation>
    </message>
    <message>
        <source>Linkloom cannot read a DevRev %1 on its own.</source>
        <translation>Linkloom kann einen DevRev-Datensatz vom Typ „%1“ nicht einzeln lesen.</translation>
    </message>
    <message>
        <source>“%1” is not a DevRev link type.</source>
        <translation>„%1“ ist kein DevRev-Verknüpfungstyp.</translation>
    </message>
    <message>
        <source>%1 refused the link: %2</source>
        <translation>%1 hat die Verknüpfung abgelehnt: %2</translation>
    </message>
</context>
<context>
    <name>KeychainSecretStore</name>
    <message>
        <source>Access to the system keychain was refused for “%1”. Allow Linkloom to use the keychain when asked, then try again.</source>
        <translation>Der Zugriff auf den Systemschlüsselbund wurde für „%1“ verweigert. Erlauben Sie Linkloom die Nutzung des Schlüsselbunds, wenn Sie gefragt werden, und versuchen Sie es dann noch einmal.</translation>
    </message>
    <message>
        <source>The system keychain denied access to “%1”: %2. Unlock the keychain, then try again.</source>
        <translation>Der Systemschlüsselbund hat den Zugriff auf „%1“ verweigert: %2. Entsperren Sie den Schlüsselbund und versuchen Sie es dann noch einmal.</translation>
    </message>
    <message>
        <source>The system keychain could not remove “%1”: %2. Remove it with the keychain&apos;s own tool (for example Passwords and Keys).</source>
        <translation>Der Systemschlüsselbund konnte „%1“ nicht entfernen: %2. Entfernen Sie den Eintrag mit dem Programm des Schlüsselbunds (zum Beispiel „Passwörter und Schlüssel“).</translation>
    </message>
    <message>
        <source>The system keychain is locked or not running (%1), so “%2” could not be used. Unlock the keychain (for example in Passwords and Keys), then try again.</source>
        <translation>Der Systemschlüsselbund ist gesperrt oder läuft nicht (%1), daher konnte „%2“ nicht verwendet werden. Entsperren Sie den Schlüsselbund (zum Beispiel in „Passwörter und Schlüssel“) und versuchen Sie es dann noch einmal.</translation>
    </message>
    <message>
        <source>The system keychain is not available (%1). Account credentials are kept only until Linkloom quits: enter them again after restarting, or start a keychain such as GNOME Keyring or KWallet.</source>
        <translation>Der Systemschlüsselbund ist nicht verfügbar (%1). Die Zugangsdaten der Konten werden nur aufbewahrt, bis Linkloom beendet wird: Geben Sie sie nach einem Neustart erneut ein oder starten Sie einen Schlüsselbund wie GNOME Keyring oder KWallet.</translation>
    </message>
</context>
<context>
    <name>Laserfiche</name>
    <message>
        <source>(unnamed entry %1)</source>
        <translation>(Eintrag %1 ohne Namen)</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Entry type</source>
        <translation>Eintragstyp</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Creator</source>
        <translation>Erstellt von</translation>
    </message>
    <message>
        <source>Link type %1</source>
        <translation>Verknüpfungstyp %1</translation>
    </message>
</context>
<context>
    <name>LaserficheClient</name>
    <message>
        <source>Linkloom is not signed in to Laserfiche for account “%1”. Sign in from the account settings, then try again.</source>
        <translation>Linkloom ist für das Konto „%1“ nicht bei Laserfiche angemeldet. Melden Sie sich in den Kontoeinstellungen an und versuchen Sie es dann noch einmal.</translation>
    </message>
</context>
<context>
    <name>LaserficheConnector</name>
    <message>
        <source>entry %1</source>
        <translation>Eintrag %1</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>“%1” is not a Laserfiche record type.</source>
        <translation>„%1“ ist kein Laserfiche-Datensatztyp.</translation>
    </message>
    <message>
        <source>“%1” is not a Laserfiche entry id.</source>
        <translation>„%1“ ist keine Laserfiche-Eintrags-ID.</translation>
    </message>
    <message>
        <source>“%1” is not a Laserfiche repository id. Correct it in the account settings.</source>
        <translation>„%1“ ist keine Laserfiche-Repository-ID. Korrigieren Sie sie in den Kontoeinstellungen.</translation>
    </message>
    <message>
        <source>the account has access to no Laserfiche repository. Ask the repository&apos;s administrator for access.</source>
        <translation>das Konto hat auf kein Laserfiche-Repository Zugriff. Bitten Sie die Administration des Repositorys um Zugriff.</translation>
    </message>
    <message>
        <source>the account has access to several Laserfiche repositories (%1). Choose one in the account settings.</source>
        <translation>das Konto hat Zugriff auf mehrere Laserfiche-Repositorys (%1). Wählen Sie eines in den Kontoeinstellungen aus.</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1 oder %2</translation>
    </message>
    <message>
        <source>Laserfiche (account “%1”) did not keep the links of %2 as Linkloom sent them. Check the entry&apos;s links in Laserfiche before trying again.</source>
        <translation>Laserfiche (Konto „%1“) hat die Verknüpfungen von %2 nicht so gespeichert, wie Linkloom sie gesendet hat. Prüfen Sie die Verknüpfungen des Eintrags in Laserfiche, bevor Sie es noch einmal versuchen.</translation>
    </message>
    <message>
        <source>%1 is checked out or locked in Laserfiche (account “%2”); try again when it is unlocked.</source>
        <translation>%1 ist in Laserfiche (Konto „%2“) ausgecheckt oder gesperrt; versuchen Sie es noch einmal, wenn die Sperre aufgehoben ist.</translation>
    </message>
    <message>
        <source>“%1” is not a Laserfiche link type.</source>
        <translation>„%1“ ist kein Laserfiche-Verknüpfungstyp.</translation>
    </message>
    <message>
        <source>Laserfiche cannot link an entry to itself.</source>
        <translation>Laserfiche kann einen Eintrag nicht mit sich selbst verknüpfen.</translation>
    </message>
</context>
<context>
    <name>LaserficheSignIn</name>
    <message>
        <source>A new sign-in was started.</source>
        <translation>Eine neue Anmeldung wurde gestartet.</translation>
    </message>
    <message>
        <source>Linkloom could not listen on 127.0.0.1 for the browser&apos;s answer. Check that the loopback interface is up, then sign in again.</source>
        <translation>Linkloom konnte nicht auf 127.0.0.1 auf die Antwort des Browsers lauschen. Prüfen Sie, ob die Loopback-Schnittstelle aktiv ist, und melden Sie sich dann erneut an.</translation>
    </message>
    <message>
        <source>Linkloom is signed in to Laserfiche. You can close this page and go back to Linkloom.</source>
        <translation>Linkloom ist bei Laserfiche angemeldet. Sie können diese Seite schließen und zu Linkloom zurückkehren.</translation>
    </message>
    <message>
        <source>Laserfiche refused the sign-in (%1). Sign in again.</source>
        <translation>Laserfiche hat die Anmeldung abgelehnt (%1). Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Laserfiche refused the sign-in: %1. Sign in again.</source>
        <translation>Laserfiche hat die Anmeldung abgelehnt: %1. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The sign-in to Laserfiche did not finish. Sign in again, and allow Linkloom on Laserfiche&apos;s page in your browser.</source>
        <translation>Die Anmeldung bei Laserfiche wurde nicht abgeschlossen. Melden Sie sich erneut an und erlauben Sie Linkloom den Zugriff auf der Laserfiche-Seite in Ihrem Browser.</translation>
    </message>
    <message>
        <source>Laserfiche&apos;s answer to the sign-in had no tokens. Sign in again.</source>
        <translation>Die Antwort von Laserfiche auf die Anmeldung enthielt keine Token. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Linkloom cannot keep the sign-in: no secret store.</source>
        <translation>Linkloom kann die Anmeldung nicht aufbewahren: Es ist kein Speicher für Zugangsdaten vorhanden.</translation>
    </message>
    <message>
        <source>Linkloom has no secret store for the Laserfiche sign-in.</source>
        <translation>Linkloom hat keinen Speicher für Zugangsdaten, in dem die Laserfiche-Anmeldung aufbewahrt werden kann.</translation>
    </message>
    <message>
        <source>Linkloom is not signed in to Laserfiche account “%1”. Sign in from the account settings (File › Accounts).</source>
        <translation>Linkloom ist beim Laserfiche-Konto „%1“ nicht angemeldet. Melden Sie sich in den Kontoeinstellungen an (Datei › Konten).</translation>
    </message>
    <message>
        <source>Linkloom is shutting down.</source>
        <translation>Linkloom wird beendet.</translation>
    </message>
    <message>
        <source>The Laserfiche sign-in of account “%1” has expired or was revoked. Sign in again from the account settings (File › Accounts).</source>
        <translation>Die Laserfiche-Anmeldung des Kontos „%1“ ist abgelaufen oder wurde widerrufen. Melden Sie sich in den Kontoeinstellungen erneut an (Datei › Konten).</translation>
    </message>
    <message>
        <source>Linkloom could not renew the Laserfiche sign-in of account “%1” (%2). Check the network connection and try again.</source>
        <translation>Linkloom konnte die Laserfiche-Anmeldung des Kontos „%1“ nicht erneuern (%2). Prüfen Sie die Netzwerkverbindung und versuchen Sie es noch einmal.</translation>
    </message>
</context>
<context>
    <name>LinkRepository</name>
    <message>
        <source>Linkloom could not create the folder &quot;%1&quot;. Check that you may write there, or choose another location.</source>
        <translation>Linkloom konnte den Ordner „%1“ nicht anlegen. Prüfen Sie, ob Sie dort schreiben dürfen, oder wählen Sie einen anderen Ort.</translation>
    </message>
    <message>
        <source>Linkloom could not create the workspace file &quot;%1&quot;. Check that you may write to the folder, or choose another location.</source>
        <translation>Linkloom konnte die Arbeitsbereichsdatei „%1“ nicht anlegen. Prüfen Sie, ob Sie in den Ordner schreiben dürfen, oder wählen Sie einen anderen Ort.</translation>
    </message>
    <message>
        <source>No workspace file was given. Choose a workspace file.</source>
        <translation>Es wurde keine Arbeitsbereichsdatei angegeben. Wählen Sie eine aus.</translation>
    </message>
    <message>
        <source>Linkloom could not open &quot;%1&quot;. Check that you may read and write the file, then try again.</source>
        <translation>Linkloom konnte „%1“ nicht öffnen. Prüfen Sie, ob Sie die Datei lesen und schreiben dürfen, und versuchen Sie es dann noch einmal.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is damaged and cannot be opened. Restore it from a backup or choose another workspace file.</source>
        <translation>„%1“ ist beschädigt und kann nicht geöffnet werden. Stellen Sie sie aus einer Sicherung wieder her oder wählen Sie eine andere Arbeitsbereichsdatei.</translation>
    </message>
    <message>
        <source>Linkloom could not save the change to the workspace &quot;%1&quot;; nothing was changed. Check that the disk has free space and that no other program is using the file, then try again.</source>
        <translation>Linkloom konnte die Änderung im Arbeitsbereich „%1“ nicht speichern; nichts wurde geändert. Prüfen Sie, ob genug Speicherplatz frei ist und kein anderes Programm die Datei benutzt, und versuchen Sie es dann noch einmal.</translation>
    </message>
    <message>
        <source>Linkloom could not save the change because some of its data is incomplete; nothing was changed. Please report this problem.</source>
        <translation>Linkloom konnte die Änderung nicht speichern, weil ein Teil ihrer Daten unvollständig ist; nichts wurde geändert. Bitte melden Sie dieses Problem.</translation>
    </message>
    <message>
        <source>No workspace is open. Open or create a workspace first.</source>
        <translation>Kein Arbeitsbereich ist geöffnet. Öffnen oder erstellen Sie zuerst einen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a database of another program, not a Linkloom workspace. Choose a workspace file created by Linkloom, or a new file name.</source>
        <translation>„%1“ ist eine Datenbank eines anderen Programms, kein Linkloom-Arbeitsbereich. Wählen Sie eine von Linkloom erstellte Arbeitsbereichsdatei oder einen neuen Dateinamen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was written by a newer Linkloom; update Linkloom to open it.</source>
        <translation>„%1“ wurde von einer neueren Linkloom-Version geschrieben; aktualisieren Sie Linkloom, um sie zu öffnen.</translation>
    </message>
    <message>
        <source>Linkloom cannot read &quot;%1&quot;. Check that the file exists and that you may read it, or choose another workspace file.</source>
        <translation>Linkloom kann „%1“ nicht lesen. Prüfen Sie, ob die Datei existiert und Sie sie lesen dürfen, oder wählen Sie eine andere Arbeitsbereichsdatei.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Linkloom workspace. Choose a workspace file created by Linkloom, or a new file name.</source>
        <translation>„%1“ ist kein Linkloom-Arbeitsbereich. Wählen Sie eine von Linkloom erstellte Arbeitsbereichsdatei oder einen neuen Dateinamen.</translation>
    </message>
    <message>
        <source>Linkloom could not open &quot;%1&quot;. Close other programs that use the file, check that you may write to it, then try again.</source>
        <translation>Linkloom konnte „%1“ nicht öffnen. Schließen Sie andere Programme, die die Datei benutzen, prüfen Sie, ob Sie hineinschreiben dürfen, und versuchen Sie es dann noch einmal.</translation>
    </message>
    <message>
        <source>Linkloom could not create the workspace &quot;%1&quot;. Check that the disk has free space and that you may write to the folder, then try again.</source>
        <translation>Linkloom konnte den Arbeitsbereich „%1“ nicht anlegen. Prüfen Sie, ob genug Speicherplatz frei ist und Sie in den Ordner schreiben dürfen, und versuchen Sie es dann noch einmal.</translation>
    </message>
    <message>
        <source>Linkloom could not update the workspace &quot;%1&quot; to this version. The file was left unchanged; check that the disk has free space, then try again.</source>
        <translation>Linkloom konnte den Arbeitsbereich „%1“ nicht auf diese Version aktualisieren. Die Datei blieb unverändert; prüfen Sie, ob genug Speicherplatz frei ist, und versuchen Sie es dann noch einmal.</translation>
    </message>
    <message>
        <source>Only records of the same account can be linked: “%1” and “%2” are not.</source>
        <translation>Nur Datensätze desselben Kontos können verknüpft werden: „%1“ und „%2“ gehören nicht zum selben Konto.</translation>
    </message>
    <message>
        <source>This link already has a change waiting to be sent; retry or discard it in Pending Changes first.</source>
        <translation>Für diese Verknüpfung wartet bereits eine Änderung darauf, gesendet zu werden; wiederholen oder verwerfen Sie sie zuerst unter „Ausstehende Änderungen“.</translation>
    </message>
    <message>
        <source>These records are already linked this way.</source>
        <translation>Diese Datensätze sind bereits auf diese Weise verknüpft.</translation>
    </message>
    <message>
        <source>This link is not in the workspace as a confirmed link, so there is nothing to remove; refresh the records.</source>
        <translation>Diese Verknüpfung ist im Arbeitsbereich nicht als bestätigte Verknüpfung vorhanden, daher gibt es nichts zu entfernen; aktualisieren Sie die Datensätze.</translation>
    </message>
    <message>
        <source>This change is being sent; wait for the vendor&apos;s answer before discarding it.</source>
        <translation>Diese Änderung wird gerade gesendet; warten Sie die Antwort des Anbieters ab, bevor Sie sie verwerfen.</translation>
    </message>
    <message>
        <source>This change cannot be moved on that way.</source>
        <translation>Diese Änderung kann nicht auf diese Weise weitergeführt werden.</translation>
    </message>
</context>
<context>
    <name>LinkRules</name>
    <message>
        <source>In Copper a person belongs to one company, and this person already has one. Remove that link first.</source>
        <translation>In Copper gehört eine Person zu einer einzigen Firma, und diese Person hat bereits eine. Entfernen Sie zuerst diese Verknüpfung.</translation>
    </message>
    <message>
        <source>In Copper a task is related to one record at most, and this task already is. Remove that link first.</source>
        <translation>In Copper ist eine Aufgabe mit höchstens einem Datensatz verknüpft, und diese Aufgabe ist es bereits. Entfernen Sie zuerst diese Verknüpfung.</translation>
    </message>
    <message>
        <source>Copper does not relate these kinds of record (%1 and %2).</source>
        <translation>Copper verknüpft diese Arten von Datensätzen nicht (%1 und %2).</translation>
    </message>
    <message>
        <source>In DevRev an item has one parent, and this one already has a parent.</source>
        <translation>In DevRev hat ein Element nur ein übergeordnetes Element, und dieses hat bereits eines.</translation>
    </message>
    <message>
        <source>DevRev does not allow a cycle of parents.</source>
        <translation>DevRev erlaubt keinen Zyklus übergeordneter Elemente.</translation>
    </message>
    <message>
        <source>DevRev allows two levels of children below an item at most.</source>
        <translation>DevRev erlaubt unter einem Element höchstens zwei Ebenen untergeordneter Elemente.</translation>
    </message>
    <message>
        <source>In DevRev an item is merged into one other item only, and this one already is.</source>
        <translation>In DevRev wird ein Element nur in ein einziges anderes Element zusammengeführt, und dieses ist es bereits.</translation>
    </message>
    <message>
        <source>DevRev does not allow a cycle of merges.</source>
        <translation>DevRev erlaubt keinen Zyklus von Zusammenführungen.</translation>
    </message>
    <message>
        <source>DevRev has no link type between these kinds of record (from %1 to %2).</source>
        <translation>DevRev hat keinen Verknüpfungstyp zwischen diesen Arten von Datensätzen (von %1 zu %2).</translation>
    </message>
    <message>
        <source>Links join records of one account: %1 (%2) and %3 (%4) are in different ones.</source>
        <translation>Verknüpfungen verbinden Datensätze desselben Kontos: %1 (%2) und %3 (%4) gehören zu verschiedenen Konten.</translation>
    </message>
    <message>
        <source>A record cannot be linked to itself.</source>
        <translation>Ein Datensatz kann nicht mit sich selbst verknüpft werden.</translation>
    </message>
    <message>
        <source>pm415 connects records of different types only: both are %1s.</source>
        <translation>pm415 verbindet nur Datensätze unterschiedlichen Typs: Beide sind vom Typ „%1“.</translation>
    </message>
    <message>
        <source>These records are already linked in every way %1 allows.</source>
        <translation>Diese Datensätze sind bereits auf jede Weise verknüpft, die %1 erlaubt.</translation>
    </message>
    <message>
        <source>%1 has no link type for a %2 and a %3 in this account.</source>
        <translation>%1 hat in diesem Konto keinen Verknüpfungstyp für Datensätze vom Typ „%2“ und „%3“.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Linkloom</source>
        <translation>Linkloom</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>Details…</translation>
    </message>
    <message>
        <source>Show what went wrong in full</source>
        <translation>Vollständig anzeigen, was schiefging</translation>
    </message>
    <message>
        <source>Could not load the %1 records.</source>
        <translation>Die Datensätze vom Typ %1 konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>Could not load the links of “%1”.</source>
        <translation>Die Verknüpfungen von „%1“ konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Read the selected record type or record from its vendor again</source>
        <translation>Den ausgewählten Datensatztyp oder Datensatz erneut vom Anbieter lesen</translation>
    </message>
    <message>
        <source>&amp;Collapse All</source>
        <translation>Alle &amp;zuklappen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Linkloom</source>
        <translation>Ü&amp;ber Linkloom</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message numerus="yes">
        <source>Syncing… %n request(s) running</source>
        <translation>
            <numerusform>Synchronisiere… %n Anfrage läuft</numerusform>
            <numerusform>Synchronisiere… %n Anfragen laufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ready · %n record(s) in this workspace</source>
        <translation>
            <numerusform>Bereit · %n Datensatz in diesem Arbeitsbereich</numerusform>
            <numerusform>Bereit · %n Datensätze in diesem Arbeitsbereich</numerusform>
        </translation>
    </message>
    <message>
        <source>About Linkloom</source>
        <translation>Über Linkloom</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Linkloom %1&lt;/h3&gt;&lt;p&gt;Browse and link records across Copper CRM, DevRev, pm415 and Laserfiche.&lt;/p&gt;&lt;p&gt;Workspace: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Linkloom %1&lt;/h3&gt;&lt;p&gt;Datensätze in Copper CRM, DevRev, pm415 und Laserfiche durchsuchen und verknüpfen.&lt;/p&gt;&lt;p&gt;Arbeitsbereich: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>Search titles and ids in every account (Ctrl+F)</source>
        <translation>Titel und IDs in allen Konten durchsuchen (Strg+F)</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Show only some vendors, record types or link types, or only records with or without links</source>
        <translation>Nur bestimmte Anbieter, Datensatztypen oder Verknüpfungstypen anzeigen oder nur Datensätze mit oder ohne Verknüpfungen</translation>
    </message>
    <message>
        <source>Only Records &amp;With Links</source>
        <translation>Nur Datensätze &amp;mit Verknüpfungen</translation>
    </message>
    <message>
        <source>Only Records W&amp;ithout Links</source>
        <translation>Nur Datensätze &amp;ohne Verknüpfungen</translation>
    </message>
    <message>
        <source>Record &amp;Types</source>
        <translation>&amp;Datensatztypen</translation>
    </message>
    <message>
        <source>&amp;Link Types</source>
        <translation>&amp;Verknüpfungstypen</translation>
    </message>
    <message>
        <source>&amp;Clear Filters</source>
        <translation>Filter &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>This is sample data, served on this computer by Linkloom&apos;s built-in sandbox. Nothing you do here reaches a real Copper, DevRev, pm415 or Laserfiche account.</source>
        <translation>Dies sind Beispieldaten, die die eingebaute Sandbox von Linkloom auf diesem Computer bereitstellt. Nichts, was Sie hier tun, erreicht ein echtes Copper-, DevRev-, pm415- oder Laserfiche-Konto.</translation>
    </message>
    <message>
        <source>Add Your Account…</source>
        <translation>Eigenes Konto hinzufügen…</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>Diese Meldung ausblenden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the sync (what was read so far stays)</source>
        <translation>Synchronisierung abbrechen (bereits Gelesenes bleibt erhalten)</translation>
    </message>
    <message>
        <source>Account “%1”:</source>
        <translation>Konto „%1“:</translation>
    </message>
    <message>
        <source>Filters (%1)</source>
        <translation>Filter (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n Treffer</numerusform>
            <numerusform>%n Treffer</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>None yet: sync an account</source>
        <translation>Noch keine: Synchronisieren Sie ein Konto</translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation>&amp;Konten…</translation>
    </message>
    <message>
        <source>Add, edit or remove the accounts this workspace connects to</source>
        <translation>Die Konten hinzufügen, bearbeiten oder entfernen, mit denen sich dieser Arbeitsbereich verbindet</translation>
    </message>
    <message>
        <source>&amp;Sync Account</source>
        <translation>Konto &amp;synchronisieren</translation>
    </message>
    <message>
        <source>Read every record and link of the selected account</source>
        <translation>Alle Datensätze und Verknüpfungen des ausgewählten Kontos lesen</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the selected records as text: title, key and address</source>
        <translation>Die ausgewählten Datensätze als Text kopieren: Titel, Schlüssel und Adresse</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>&amp;Vorwärts</translation>
    </message>
    <message>
        <source>&amp;Go to Record</source>
        <translation>Zum Datensatz &amp;gehen</translation>
    </message>
    <message>
        <source>&amp;Open in %1</source>
        <translation>&amp;In %1 öffnen</translation>
    </message>
    <message>
        <source>Syncing %1: %2</source>
        <translation>%1 wird synchronisiert: %2</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>wird gestartet…</translation>
    </message>
    <message>
        <source>Sync of %1: %2</source>
        <translation>Synchronisierung von %1: %2</translation>
    </message>
    <message>
        <source>Synced %1: %2</source>
        <translation>%1 synchronisiert: %2</translation>
    </message>
</context>
<context>
    <name>NetworkJob</name>
    <message>
        <source>%1 (account “%2”)</source>
        <translation>%1 (Konto „%2“)</translation>
    </message>
    <message>
        <source>Linkloom could not reach %1. Check the network connection and the account&apos;s server address, then try again.</source>
        <translation>Linkloom konnte %1 nicht erreichen. Prüfen Sie die Netzwerkverbindung und die Serveradresse des Kontos und versuchen Sie es dann noch einmal.</translation>
    </message>
    <message>
        <source>%1 did not answer in time. Try again later; if it keeps happening, check the network connection.</source>
        <translation>%1 hat nicht rechtzeitig geantwortet. Versuchen Sie es später noch einmal; wenn es wieder passiert, prüfen Sie die Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>The secure connection to %1 could not be verified. Check the server address and, behind a proxy, that its certificate is trusted by this computer.</source>
        <translation>Die sichere Verbindung zu %1 konnte nicht überprüft werden. Prüfen Sie die Serveradresse und, hinter einem Proxy, ob dieser Computer dessen Zertifikat vertraut.</translation>
    </message>
    <message>
        <source>%1 does not allow this account to do that. Ask the account&apos;s administrator for access.</source>
        <translation>%1 erlaubt diesem Konto das nicht. Bitten Sie die Administration des Kontos um Zugriff.</translation>
    </message>
    <message>
        <source>%1 could not find what was asked for; it may have been deleted. Refresh and try again.</source>
        <translation>%1 konnte das Angefragte nicht finden; vielleicht wurde es gelöscht. Aktualisieren Sie und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>%1 refused the request. Check the change and try again.</source>
        <translation>%1 hat die Anfrage abgelehnt. Prüfen Sie die Änderung und versuchen Sie es noch einmal.</translation>
    </message>
    <message numerus="yes">
        <source>%1 is limiting requests. Wait %n second(s) and try again.</source>
        <translation>
            <numerusform>%1 begrenzt die Anfragen. Warten Sie %n Sekunde und versuchen Sie es noch einmal.</numerusform>
            <numerusform>%1 begrenzt die Anfragen. Warten Sie %n Sekunden und versuchen Sie es noch einmal.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is limiting requests. Wait a minute and try again.</source>
        <translation>%1 begrenzt die Anfragen. Warten Sie eine Minute und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>%1 had an internal problem. Try again later.</source>
        <translation>%1 hatte ein internes Problem. Versuchen Sie es später noch einmal.</translation>
    </message>
    <message>
        <source>%1 sent an answer Linkloom does not understand. Try again later; if it keeps happening, report it with the details.</source>
        <translation>%1 hat eine Antwort geschickt, die Linkloom nicht versteht. Versuchen Sie es später noch einmal; wenn es wieder passiert, melden Sie es mit den Details.</translation>
    </message>
    <message>
        <source>%1 redirected the request to another address, which Linkloom does not follow. Check the account&apos;s server address.</source>
        <translation>%1 hat die Anfrage an eine andere Adresse umgeleitet, der Linkloom nicht folgt. Prüfen Sie die Serveradresse des Kontos.</translation>
    </message>
    <message>
        <source>The request to %1 was cancelled.</source>
        <translation>Die Anfrage an %1 wurde abgebrochen.</translation>
    </message>
    <message>
        <source>%1 said: “%2”</source>
        <translation>%1 meldet: „%2“</translation>
    </message>
    <message>
        <source>%1 did not accept the account&apos;s credentials. Check the API key or token in the account settings (for Copper also the e-mail of the key&apos;s owner), then try again.</source>
        <translation>%1 hat die Zugangsdaten des Kontos nicht akzeptiert. Prüfen Sie den API-Schlüssel oder das Token in den Kontoeinstellungen (bei Copper auch die E-Mail-Adresse des Schlüsselbesitzers) und versuchen Sie es dann noch einmal.</translation>
    </message>
</context>
<context>
    <name>Pm415</name>
    <message>
        <source>Unplanned</source>
        <translation>Ungeplant</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Doing</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Must have</source>
        <translation>Muss</translation>
    </message>
    <message>
        <source>Should have</source>
        <translation>Soll</translation>
    </message>
    <message>
        <source>Could have</source>
        <translation>Kann</translation>
    </message>
    <message>
        <source>Won&apos;t have</source>
        <translation>Diesmal nicht</translation>
    </message>
    <message>
        <source>Will fix</source>
        <translation>Wird behoben</translation>
    </message>
    <message>
        <source>Won&apos;t fix</source>
        <translation>Wird nicht behoben</translation>
    </message>
    <message>
        <source>Fixing</source>
        <translation>In Behebung</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Behoben</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Horizon</source>
        <translation>Horizont</translation>
    </message>
    <message>
        <source>Popularity</source>
        <translation>Beliebtheit</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Planned on</source>
        <translation>Geplant am</translation>
    </message>
    <message>
        <source>Forecasted release</source>
        <translation>Voraussichtliche Veröffentlichung</translation>
    </message>
    <message>
        <source>Actual release</source>
        <translation>Tatsächliche Veröffentlichung</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>(untitled %1 %2)</source>
        <translation>(%1 %2 ohne Titel)</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>Erstellt von</translation>
    </message>
    <message>
        <source>Reported by</source>
        <translation>Gemeldet von</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Belongs to</source>
        <translation>Gehört zu</translation>
    </message>
    <message>
        <source>is connected to</source>
        <translation>ist verbunden mit</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>The server answered with a web page, not pm415&apos;s API. Check that the account&apos;s server address is pm415&apos;s API address (it ends in /api).</source>
        <translation>Der Server hat mit einer Webseite geantwortet, nicht mit der API von pm415. Prüfen Sie, ob die Serveradresse des Kontos die API-Adresse von pm415 ist (sie endet auf /api).</translation>
    </message>
    <message>
        <source>%1: the server has no such API address. Check that the account&apos;s server address is pm415&apos;s API address (it ends in /api).</source>
        <translation>%1: Der Server hat keine solche API-Adresse. Prüfen Sie, ob die Serveradresse des Kontos die API-Adresse von pm415 ist (sie endet auf /api).</translation>
    </message>
</context>
<context>
    <name>Pm415Connector</name>
    <message>
        <source>the organization “%1” in the account settings is not a pm415 organization id (a number, or 0 for every organization).</source>
        <translation>die Organisation „%1“ in den Kontoeinstellungen ist keine pm415-Organisations-ID (eine Zahl oder 0 für alle Organisationen).</translation>
    </message>
    <message>
        <source>the change to the connections of %1 could remove other connections too, so it was not sent (%2)</source>
        <translation>die Änderung an den Verbindungen von %1 hätte auch andere Verbindungen entfernen können, daher wurde sie nicht gesendet (%2)</translation>
    </message>
    <message>
        <source>Initiatives</source>
        <translation>Initiativen</translation>
    </message>
    <message>
        <source>Backlogs</source>
        <translation>Backlogs</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <source>Bugs</source>
        <translation>Bugs</translation>
    </message>
    <message>
        <source>“%1” is not a pm415 record type (initiative, backlog, item or bug).</source>
        <translation>„%1“ ist kein pm415-Datensatztyp (initiative, backlog, item oder bug).</translation>
    </message>
    <message>
        <source>“%1” is not a pm415 id.</source>
        <translation>„%1“ ist keine pm415-ID.</translation>
    </message>
    <message>
        <source>pm415 has one kind of link, “connection”; “%1” is not one.</source>
        <translation>pm415 kennt nur eine Art von Verknüpfung, „connection“; „%1“ gehört nicht dazu.</translation>
    </message>
    <message>
        <source>pm415 connects records of different types only, and %1 and %2 are both of type “%3”.</source>
        <translation>pm415 verbindet nur Datensätze unterschiedlichen Typs, und %1 und %2 sind beide vom Typ „%3“.</translation>
    </message>
    <message>
        <source>%1 (account “%2”) accepted the removal of the connection between %3 and %4, but reading the connections back shows it is still there. Refresh the record and try again.</source>
        <translation>%1 (Konto „%2“) hat das Entfernen der Verbindung zwischen %3 und %4 angenommen, aber beim erneuten Lesen der Verbindungen ist sie noch vorhanden. Aktualisieren Sie den Datensatz und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>%1 (account “%2”) accepted the connection between %3 and %4, but reading the connections back does not show it. Refresh the record and try again.</source>
        <translation>%1 (Konto „%2“) hat die Verbindung zwischen %3 und %4 angenommen, aber beim erneuten Lesen der Verbindungen fehlt sie. Aktualisieren Sie den Datensatz und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>%1 (account “%2”) changed other connections of %3 than the one with %4. Refresh the record and check its connections; the details say what changed.</source>
        <translation>%1 (Konto „%2“) hat andere Verbindungen von %3 geändert als die mit %4. Aktualisieren Sie den Datensatz und prüfen Sie seine Verbindungen; die Details nennen, was sich geändert hat.</translation>
    </message>
</context>
<context>
    <name>RecordDetailsWidget</name>
    <message>
        <source>Select a record to see its details.</source>
        <translation>Wählen Sie einen Datensatz, um seine Details zu sehen.</translation>
    </message>
    <message>
        <source>%1 in %2 · account %3 · id %4</source>
        <translation>%1 in %2 · Konto %3 · ID %4</translation>
    </message>
    <message>
        <source>Open in %1</source>
        <translation>In %1 öffnen</translation>
    </message>
    <message>
        <source>Only known through a link so far. Expand its record type to load it.</source>
        <translation>Bisher nur über eine Verknüpfung bekannt. Klappen Sie seinen Datensatztyp auf, um ihn zu laden.</translation>
    </message>
    <message numerus="yes">
        <source>%n linked record(s)</source>
        <translation>
            <numerusform>%n verknüpfter Datensatz</numerusform>
            <numerusform>%n verknüpfte Datensätze</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation>
            <numerusform>%n ausstehend</numerusform>
            <numerusform>%n ausstehend</numerusform>
        </translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
</context>
<context>
    <name>RecordDrag</name>
    <message>
        <source>Only records dragged from Linkloom can be linked here.</source>
        <translation>Hier können nur Datensätze verknüpft werden, die aus Linkloom gezogen wurden.</translation>
    </message>
    <message>
        <source>The dragged records could not be read. Drag them again from Linkloom&apos;s tree, Related panel or search results.</source>
        <translation>Die gezogenen Datensätze konnten nicht gelesen werden. Ziehen Sie sie erneut aus dem Baum, dem Bereich „Verknüpft“ oder den Suchergebnissen von Linkloom.</translation>
    </message>
    <message>
        <source>The records were dragged from a newer Linkloom. Drag them within this window, or update this Linkloom.</source>
        <translation>Die Datensätze wurden aus einer neueren Linkloom-Version gezogen. Ziehen Sie sie innerhalb dieses Fensters oder aktualisieren Sie diese Linkloom-Version.</translation>
    </message>
    <message numerus="yes">
        <source>At most %n records can be linked in one drag; select fewer.</source>
        <translation>
            <numerusform>Mit einem Ziehvorgang kann höchstens %n Datensatz verknüpft werden; wählen Sie weniger aus.</numerusform>
            <numerusform>Mit einem Ziehvorgang können höchstens %n Datensätze verknüpft werden; wählen Sie weniger aus.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is nothing to link.</source>
        <translation>Es gibt nichts zu verknüpfen.</translation>
    </message>
    <message>
        <source>“%1” is not in the workspace any more; refresh it and try again.</source>
        <translation>„%1“ ist nicht mehr im Arbeitsbereich; aktualisieren Sie den Datensatz und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>“%1” is not in the workspace any more (it was removed or the drag is old); refresh it and drag it again.</source>
        <translation>„%1“ ist nicht mehr im Arbeitsbereich (der Datensatz wurde entfernt oder der Ziehvorgang ist veraltet); aktualisieren Sie den Datensatz und ziehen Sie ihn erneut.</translation>
    </message>
    <message>
        <source>“%1” cannot be linked to “%2”: %3</source>
        <translation>„%1“ kann nicht mit „%2“ verknüpft werden: %3</translation>
    </message>
    <message>
        <source>These records need different kinds of link to “%1”; link them one kind at a time.</source>
        <translation>Diese Datensätze benötigen unterschiedliche Arten von Verknüpfungen zu „%1“; verknüpfen Sie sie Art für Art.</translation>
    </message>
</context>
<context>
    <name>RecordTreeModel</name>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n Datensatz</numerusform>
            <numerusform>%n Datensätze</numerusform>
        </translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Could not load</source>
        <translation>Laden fehlgeschlagen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Linkloom could not reach %1: what the workspace holds is shown. Press F5 to try again.</source>
        <translation>Linkloom konnte %1 nicht erreichen: Angezeigt wird der Stand im Arbeitsbereich. Drücken Sie F5, um es noch einmal zu versuchen.</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Drop the records on a record to link them to it.</source>
        <translation>Legen Sie die Datensätze auf einem Datensatz ab, um sie mit ihm zu verknüpfen.</translation>
    </message>
</context>
<context>
    <name>RelatedLinksModel</name>
    <message numerus="yes">
        <source>%n record(s) %1 this one</source>
        <translation>
            <numerusform>%n Datensatz in der Beziehung „%1“ zu diesem</numerusform>
            <numerusform>%n Datensätze in der Beziehung „%1“ zu diesem</numerusform>
        </translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Related record</source>
        <translation>Verknüpfter Datensatz</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>RelatedPanel</name>
    <message>
        <source>Related records</source>
        <translation>Verknüpfte Datensätze</translation>
    </message>
    <message>
        <source>Related</source>
        <translation>Verknüpft</translation>
    </message>
    <message>
        <source>No links of “%1” known</source>
        <translation>Keine Verknüpfungen von „%1“ bekannt</translation>
    </message>
    <message numerus="yes">
        <source>Related to “%1” (%n link(s))</source>
        <translation>
            <numerusform>Verknüpft mit „%1“ (%n Verknüpfung)</numerusform>
            <numerusform>Verknüpft mit „%1“ (%n Verknüpfungen)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>The best %1 of %2 matches are shown. Type more to narrow the search, or scroll to the end of the list for more.</source>
        <translation>Die besten %1 von %2 Treffern werden angezeigt. Geben Sie mehr ein, um die Suche einzugrenzen, oder blättern Sie ans Ende der Liste, um weitere zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n Treffer</numerusform>
            <numerusform>%n Treffer</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation>%1 angezeigt</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>SourcesModel</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Last read in full: %1</source>
        <translation>Zuletzt vollständig gelesen: %1</translation>
    </message>
    <message>
        <source>Not read in full yet: expand it in the tree or sync the account</source>
        <translation>Noch nicht vollständig gelesen: Klappen Sie den Datensatztyp im Baum auf oder synchronisieren Sie das Konto</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisiert</translation>
    </message>
</context>
<context>
    <name>SyncService</name>
    <message>
        <source>No workspace is open. Open or create a workspace, then refresh.</source>
        <translation>Kein Arbeitsbereich ist geöffnet. Öffnen oder erstellen Sie einen und aktualisieren Sie dann.</translation>
    </message>
    <message>
        <source>Linkloom has no %1 account “%2”. Add it in the account settings, then refresh.</source>
        <translation>Linkloom hat kein %1-Konto „%2“. Fügen Sie es in den Kontoeinstellungen hinzu und aktualisieren Sie dann.</translation>
    </message>
</context>
<context>
    <name>Vendor</name>
    <message>
        <source>Copper CRM</source>
        <translation>Copper CRM</translation>
    </message>
    <message>
        <source>DevRev</source>
        <translation>DevRev</translation>
    </message>
    <message>
        <source>pm415</source>
        <translation>pm415</translation>
    </message>
    <message>
        <source>Laserfiche</source>
        <translation>Laserfiche</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Browse and link records across Copper CRM, DevRev, pm415 and Laserfiche.</source>
        <translation>Datensätze in Copper CRM, DevRev, pm415 und Laserfiche durchsuchen und verknüpfen.</translation>
    </message>
    <message>
        <source>Open the workspace &lt;file&gt; instead of the demo workspace. It is created if it does not exist.</source>
        <translation>Den Arbeitsbereich &lt;Datei&gt; statt des Demo-Arbeitsbereichs öffnen. Er wird angelegt, falls es ihn nicht gibt.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Linkloom</source>
        <translation>Linkloom</translation>
    </message>
    <message>
        <source>The demo server could not listen on 127.0.0.1. Check that the loopback interface is up.</source>
        <translation>Der Demo-Server konnte nicht auf 127.0.0.1 lauschen. Prüfen Sie, ob die Loopback-Schnittstelle aktiv ist.</translation>
    </message>
    <message>
        <source>Demo CRM (sandbox)</source>
        <translation>Demo-CRM (Sandbox)</translation>
    </message>
    <message>
        <source>%1 — Linkloom</source>
        <translation>%1 — Linkloom</translation>
    </message>
    <message>
        <source>Demo support (sandbox)</source>
        <translation>Demo-Support (Sandbox)</translation>
    </message>
    <message>
        <source>Demo backlog (sandbox)</source>
        <translation>Demo-Backlog (Sandbox)</translation>
    </message>
    <message>
        <source>Demo documents (sandbox)</source>
        <translation>Demo-Dokumente (Sandbox)</translation>
    </message>
</context>
</TS>
