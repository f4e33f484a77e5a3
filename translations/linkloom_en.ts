<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AccountManager</name>
    <message numerus="yes">
        <source>%n link type(s) available</source>
        <translation>
            <numerusform>%n link type available</numerusform>
            <numerusform>%n link types available</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AccountSync</name>
    <message numerus="yes">
        <source>, %n error(s)</source>
        <translation>
            <numerusform>, %n error</numerusform>
            <numerusform>, %n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) could not be read: %1</source>
        <translation>
            <numerusform>%n record could not be read: %1</numerusform>
            <numerusform>%n records could not be read: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IntentsModel</name>
    <message numerus="yes">
        <source>%1
Asked %2 · sent %n time(s)</source>
        <translation>
            <numerusform>%1
Asked %2 · sent %n time</numerusform>
            <numerusform>%1
Asked %2 · sent %n times</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LinkToDialog</name>
    <message numerus="yes">
        <source>Link %n records to…</source>
        <translation>
            <numerusform>Link %n records to…</numerusform>
            <numerusform>Link %n records to…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Syncing… %n request(s) running</source>
        <translation>
            <numerusform>Syncing… %n request running</numerusform>
            <numerusform>Syncing… %n requests running</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ready · %n record(s) in this workspace</source>
        <translation>
            <numerusform>Ready · %n record in this workspace</numerusform>
            <numerusform>Ready · %n records in this workspace</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n link(s) to “%1” on the way to %2</source>
        <translation>
            <numerusform>%n link to “%1” on the way to %2</numerusform>
            <numerusform>%n links to “%1” on the way to %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) have not reached their vendors yet.</source>
        <translation>
            <numerusform>%n change have not reached their vendors yet.</numerusform>
            <numerusform>%n changes have not reached their vendors yet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n unsent change(s)</source>
        <translation>
            <numerusform>%1 — %n unsent change</numerusform>
            <numerusform>%1 — %n unsent changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation type="unfinished">
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n link(s) in %1?</source>
        <translation>
            <numerusform>Remove %n link in %1?</numerusform>
            <numerusform>Remove %n links in %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n link(s) being removed in %1</source>
        <translation>
            <numerusform>%n link being removed in %1</numerusform>
            <numerusform>%n links being removed in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Link %n records to “%1”</source>
        <translation>
            <numerusform>Link %n records to “%1”</numerusform>
            <numerusform>Link %n records to “%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n link(s) in %1</source>
        <translation>
            <numerusform>Remove %n link in %1</numerusform>
            <numerusform>Remove %n links in %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NetworkJob</name>
    <message numerus="yes">
        <source>%1 is limiting requests. Wait %n second(s) and try again.</source>
        <translation>
            <numerusform>%1 is limiting requests. Wait %n second and try again.</numerusform>
            <numerusform>%1 is limiting requests. Wait %n seconds and try again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message numerus="yes">
        <source>%1 Linkloom tried %n time(s); retry when %2 is reachable again.</source>
        <translation>
            <numerusform>%1 Linkloom tried %n time; retry when %2 is reachable again.</numerusform>
            <numerusform>%1 Linkloom tried %n times; retry when %2 is reachable again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordDetailsWidget</name>
    <message numerus="yes">
        <source>%n linked record(s)</source>
        <translation>
            <numerusform>%n linked record</numerusform>
            <numerusform>%n linked records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation>
            <numerusform>%n pending</numerusform>
            <numerusform>%n pending</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordDrag</name>
    <message numerus="yes">
        <source>At most %n records can be linked in one drag; select fewer.</source>
        <translation>
            <numerusform>At most %n records can be linked in one drag; select fewer.</numerusform>
            <numerusform>At most %n records can be linked in one drag; select fewer.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordTreeModel</name>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelatedLinksModel</name>
    <message numerus="yes">
        <source>%n record(s) %1 this one</source>
        <translation>
            <numerusform>%n record %1 this one</numerusform>
            <numerusform>%n records %1 this one</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelatedPanel</name>
    <message numerus="yes">
        <source>Related to “%1” (%n link(s))</source>
        <translation>
            <numerusform>Related to “%1” (%n link)</numerusform>
            <numerusform>Related to “%1” (%n links)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
</TS>
