#pragma once

// Private to LinkRepository: not part of the models library's API.

#include "models/result.h"

#include <QList>
#include <QString>

class QSqlDatabase;

/// The workspace file format: how a file is recognised, the schema versions and the migrations
/// between them.
///
/// Version 1, the first released schema:
///   records(id, vendor, account, type, rid, title, fields, full)
///   links(id, source, target, link_type, direction, vendor_link_id, state)
/// Version 2 adds records.web_url, records.full_seq (the order in which records became full,
/// so recordsOfType() keeps its order across sessions) and links.error.
/// Version 3 adds accounts(vendor, id, display_name, base_url, user_name, options, position):
/// the accounts of the workspace, without secrets.
/// Version 4 (current) adds link_types(vendor, account, id, definition, position): the kinds of
/// link each account offers as its connector last read them; `definition` is a JSON object
/// (name, forward, backward, directed, sourceTypes, targetTypes, deprecated); and
/// sync_times(vendor, account, type, synced_at): when each record type was last read in full
/// (milliseconds since the epoch, UTC).
namespace WorkspaceSchema {

/// PRAGMA application_id of Linkloom workspaces: "LLOM".
inline constexpr quint32 ApplicationId = 0x4C4C4F4D;

/// One step from `fromVersion` to `fromVersion + 1`, run inside the opening transaction.
struct Migration
{
    int fromVersion;
    QList<QString> statements;
};

/// The statements that create schema version 1 in an empty database.
QList<QString> version1Statements();
/// Every migration, oldest first. To add version 3, append a step with fromVersion 2 and bump
/// LinkRepository::SchemaVersion.
const QList<Migration> &migrations();

/// What the header of a file says about it, read without SQLite and without writing.
struct FileCheck
{
    Result result;
    /// No file, an empty file or an SQLite database without any schema: to be initialised.
    bool isNew = false;
};

/// Read-only checks of the file at `path` before it is opened for writing: refuses a file that
/// is not SQLite, an SQLite file of another application (unless its schema is empty) and a
/// workspace written by a newer Linkloom. When the header may be stale (WAL mode with a
/// non-empty -wal file) the values are read again through a read-only SQLite connection.
FileCheck checkFile(const QString &path, int supportedVersion);

/// On a connection opened read-write on a file that passed checkFile(): checks the identity
/// again, creates or migrates the schema to `targetVersion` in one transaction (in the journal
/// mode the file had, so a failure leaves it byte for byte as it was), then switches to WAL
/// with synchronous=NORMAL and turns foreign keys on.
Result prepare(QSqlDatabase &db, const QString &path, int targetVersion);

} // namespace WorkspaceSchema
