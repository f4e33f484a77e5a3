<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
</context>
<context>
    <name>CopperJob</name>
    <message>
        <source>Linkloom cannot send this request to %1 (account “%2”): a record in it is not a record of this account. Refresh the records and try again.</source>
        <translation>Linkloom kann diese Anfrage nicht an %1 (Konto „%2“) senden: Ein Datensatz darin gehört nicht zu diesem Konto. Laden Sie die Datensätze neu und versuchen Sie es noch einmal.</translation>
    </message>
</context>
<context>
    <name>LinkRepository</name>
    <message>
        <source>Linkloom could not create the folder "%1". Check that you may write there, or choose another location.</source>
        <translation>Linkloom konnte den Ordner „%1“ nicht anlegen. Prüfen Sie, ob Sie dort schreiben dürfen, oder wählen Sie einen anderen Ort.</translation>
    </message>
    <message>
        <source>Linkloom could not create the workspace file "%1". Check that you may write to the folder, or choose another location.</source>
        <translation>Linkloom konnte die Arbeitsbereichsdatei „%1“ nicht anlegen. Prüfen Sie, ob Sie in den Ordner schreiben dürfen, oder wählen Sie einen anderen Ort.</translation>
    </message>
    <message>
        <source>No workspace file was given. Choose a workspace file.</source>
        <translation>Es wurde keine Arbeitsbereichsdatei angegeben. Wählen Sie eine aus.</translation>
    </message>
    <message>
        <source>Linkloom could not open "%1". Check that you may read and write the file, then try again.</source>
        <translation>Linkloom konnte „%1“ nicht öffnen. Prüfen Sie, ob Sie die Datei lesen und schreiben dürfen, und versuchen Sie es dann noch einmal.</translation>
    </message>
    <message>
        <source>"%1" is damaged and cannot be opened. Restore it from a backup or choose another workspace file.</source>
        <translation>„%1“ ist beschädigt und kann nicht geöffnet werden. Stellen Sie sie aus einer Sicherung wieder her oder wählen Sie eine andere Arbeitsbereichsdatei.</translation>
    </message>
    <message>
        <source>Linkloom could not save the change to the workspace "%1"; nothing was changed. Check that the disk has free space and that no other program is using the file, then try again.</source>
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
        <source>"%1" is a database of another program, not a Linkloom workspace. Choose a workspace file created by Linkloom, or a new file name.</source>
        <translation>„%1“ ist eine Datenbank eines anderen Programms, kein Linkloom-Arbeitsbereich. Wählen Sie eine von Linkloom erstellte Arbeitsbereichsdatei oder einen neuen Dateinamen.</translation>
    </message>
    <message>
        <source>"%1" was written by a newer Linkloom; update Linkloom to open it.</source>
        <translation>„%1“ wurde von einer neueren Linkloom-Version geschrieben; aktualisieren Sie Linkloom, um sie zu öffnen.</translation>
    </message>
    <message>
        <source>Linkloom cannot read "%1". Check that the file exists and that you may read it, or choose another workspace file.</source>
        <translation>Linkloom kann „%1“ nicht lesen. Prüfen Sie, ob die Datei existiert und Sie sie lesen dürfen, oder wählen Sie eine andere Arbeitsbereichsdatei.</translation>
    </message>
    <message>
        <source>"%1" is not a Linkloom workspace. Choose a workspace file created by Linkloom, or a new file name.</source>
        <translation>„%1“ ist kein Linkloom-Arbeitsbereich. Wählen Sie eine von Linkloom erstellte Arbeitsbereichsdatei oder einen neuen Dateinamen.</translation>
    </message>
    <message>
        <source>Linkloom could not open "%1". Close other programs that use the file, check that you may write to it, then try again.</source>
        <translation>Linkloom konnte „%1“ nicht öffnen. Schließen Sie andere Programme, die die Datei benutzen, prüfen Sie, ob Sie hineinschreiben dürfen, und versuchen Sie es dann noch einmal.</translation>
    </message>
    <message>
        <source>Linkloom could not create the workspace "%1". Check that the disk has free space and that you may write to the folder, then try again.</source>
        <translation>Linkloom konnte den Arbeitsbereich „%1“ nicht anlegen. Prüfen Sie, ob genug Speicherplatz frei ist und Sie in den Ordner schreiben dürfen, und versuchen Sie es dann noch einmal.</translation>
    </message>
    <message>
        <source>Linkloom could not update the workspace "%1" to this version. The file was left unchanged; check that the disk has free space, then try again.</source>
        <translation>Linkloom konnte den Arbeitsbereich „%1“ nicht auf diese Version aktualisieren. Die Datei blieb unverändert; prüfen Sie, ob genug Speicherplatz frei ist, und versuchen Sie es dann noch einmal.</translation>
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
        <translation><numerusform>Synchronisiere… %n Anfrage läuft</numerusform><numerusform>Synchronisiere… %n Anfragen laufen</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Ready · %n record(s) in this workspace</source>
        <translation><numerusform>Bereit · %n Datensatz in diesem Arbeitsbereich</numerusform><numerusform>Bereit · %n Datensätze in diesem Arbeitsbereich</numerusform></translation>
    </message>
    <message>
        <source>About Linkloom</source>
        <translation>Über Linkloom</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Linkloom %1&lt;/h3&gt;&lt;p&gt;Browse and link records across Copper CRM, DevRev, pm415 and Laserfiche.&lt;/p&gt;&lt;p&gt;Workspace: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Linkloom %1&lt;/h3&gt;&lt;p&gt;Datensätze in Copper CRM, DevRev, pm415 und Laserfiche durchsuchen und verknüpfen.&lt;/p&gt;&lt;p&gt;Arbeitsbereich: %2&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>NetworkJob</name>
    <message>
        <source>%1 (account “%2”)</source>
        <translation>%1 (Konto „%2“)</translation>
    </message>
    <message>
        <source>Linkloom could not reach %1. Check the network connection and the account's server address, then try again.</source>
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
        <source>%1 did not accept the account's credentials. Check the API key or token and the e-mail in the account settings, then try again.</source>
        <translation>%1 hat die Zugangsdaten des Kontos nicht angenommen. Prüfen Sie API-Schlüssel oder Token und E-Mail in den Kontoeinstellungen und versuchen Sie es dann noch einmal.</translation>
    </message>
    <message>
        <source>%1 does not allow this account to do that. Ask the account's administrator for access.</source>
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
        <translation><numerusform>%1 begrenzt die Anfragen. Warten Sie %n Sekunde und versuchen Sie es noch einmal.</numerusform><numerusform>%1 begrenzt die Anfragen. Warten Sie %n Sekunden und versuchen Sie es noch einmal.</numerusform></translation>
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
        <source>%1 redirected the request to another address, which Linkloom does not follow. Check the account's server address.</source>
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
        <translation><numerusform>%n verknüpfter Datensatz</numerusform><numerusform>%n verknüpfte Datensätze</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation><numerusform>%n ausstehend</numerusform><numerusform>%n ausstehend</numerusform></translation>
    </message>
</context>
<context>
    <name>RecordTreeModel</name>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation><numerusform>%n Datensatz</numerusform><numerusform>%n Datensätze</numerusform></translation>
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
</context>
<context>
    <name>SyncService</name>
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
</context>
</TS>