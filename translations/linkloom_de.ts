<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Copper</name>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Website</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unnamed %1 %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CopperJob</name>
    <message>
        <source>Linkloom cannot send this request to %1 (account “%2”): a record in it is not a record of this account. Refresh the records and try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Linkloom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show what went wrong in full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the %1 records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the links of “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the selected record type or record from its vendor again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Collapse All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Linkloom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Syncing… %n request(s) running</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ready · %n record(s) in this workspace</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>About Linkloom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Linkloom %1&lt;/h3&gt;&lt;p&gt;Browse and link records across Copper CRM, DevRev, pm415 and Laserfiche.&lt;/p&gt;&lt;p&gt;Workspace: %2&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkJob</name>
    <message>
        <source>%1 (account “%2”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linkloom could not reach %1. Check the network connection and the account&apos;s server address, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer in time. Try again later; if it keeps happening, check the network connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection to %1 could not be verified. Check the server address and, behind a proxy, that its certificate is trusted by this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not accept the account&apos;s credentials. Check the API key or token and the e-mail in the account settings, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not allow this account to do that. Ask the account&apos;s administrator for access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not find what was asked for; it may have been deleted. Refresh and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the request. Check the change and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 is limiting requests. Wait %n second(s) and try again.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is limiting requests. Wait a minute and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 had an internal problem. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sent an answer Linkloom does not understand. Try again later; if it keeps happening, report it with the details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 redirected the request to another address, which Linkloom does not follow. Check the account&apos;s server address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request to %1 was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 said: “%2”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordDetailsWidget</name>
    <message>
        <source>Select a record to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2 · account %3 · id %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only known through a link so far. Expand its record type to load it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n linked record(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordTreeModel</name>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncService</name>
    <message>
        <source>Companies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opportunities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No workspace is open. Open or create a workspace, then refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linkloom has no %1 account “%2”. Add it in the account settings, then refresh.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vendor</name>
    <message>
        <source>Copper CRM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DevRev</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pm415</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laserfiche</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Linkloom could not create the folder &quot;%1&quot;. Check that you may write there, or choose another location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linkloom could not create the workspace file &quot;%1&quot;. Check that you may write to the folder, or choose another location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No workspace file was given. Choose a workspace file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linkloom could not open &quot;%1&quot;. Check that you may read and write the file, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is damaged and cannot be opened. Restore it from a backup or choose another workspace file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linkloom could not save the change to the workspace &quot;%1&quot;; nothing was changed. Check that the disk has free space and that no other program is using the file, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkspaceSchema</name>
    <message>
        <source>Linkloom cannot read &quot;%1&quot;. Check that the file exists and that you may read it, or choose another workspace file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Linkloom workspace. Choose a workspace file created by Linkloom, or a new file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is damaged and cannot be opened. Restore it from a backup or choose another workspace file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linkloom could not open &quot;%1&quot;. Close other programs that use the file, check that you may write to it, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linkloom could not create the workspace &quot;%1&quot;. Check that the disk has free space and that you may write to the folder, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linkloom could not update the workspace &quot;%1&quot; to this version. The file was left unchanged; check that the disk has free space, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Browse and link records across Copper CRM, DevRev, pm415 and Laserfiche.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the workspace &lt;file&gt; instead of the demo workspace. It is created if it does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linkloom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo server could not listen on 127.0.0.1. Check that the loopback interface is up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo CRM (sandbox)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Linkloom</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
