#pragma once

#include "models/linkrules.h"
#include "models/recordkey.h"

#include <QCoreApplication>
#include <QLatin1StringView>
#include <QList>
#include <QModelIndex>
#include <QString>

class LinkRepository;
class QMimeData;

/// Records dragged from one of Linkloom's views onto another record, to link them.
///
/// The drag carries record keys only, never titles or fields: under MimeType, a small JSON
/// document {"version": 1, "keys": ["pm415:demo:bug:12", …]}; and the same keys, one a line, as
/// plain text for other applications. Whatever the drop finds is checked again against the
/// workspace, since a drag may come from another Linkloom window, an older one, or be forged.
class RecordDrag
{
    Q_DECLARE_TR_FUNCTIONS(RecordDrag)

public:
    static constexpr QLatin1StringView MimeType{"application/x-linkloom-record-keys"};
    static constexpr int Version = 1;
    /// More records than this in one drag are refused (a drop makes one link per record).
    static constexpr qsizetype MaxRecords = 500;

    /// The drag of `keys` (in their order, duplicates dropped). Null when there is no key.
    static QMimeData *mimeData(const QList<RecordKey> &keys);

    struct Decoded
    {
        QList<RecordKey> keys;
        /// Why nothing could be read, for a person: empty when `keys` is usable.
        QString problem;
        bool ok() const { return problem.isEmpty(); }
    };
    /// The keys of a drag made by mimeData(), or why it cannot be used (not Linkloom's records,
    /// a malformed or newer document, a bad key, too many records).
    static Decoded decode(const QMimeData *data);

    /// May the `dragged` records be linked to `target`, and how? Allowed when every dragged
    /// record may be linked to it in at least one same way; the choices are those every one of
    /// them shares (a link type and a direction). Otherwise the reason names the first record
    /// that cannot be linked and the vendor's rule, or says that the records need different
    /// kinds of link. Records no longer in the workspace are refused: the drag is stale.
    static LinkVerdict check(const QList<RecordKey> &dragged, const RecordKey &target,
                             const LinkRepository *repository);

    // For item models: the same answers from their rows, whose RecordKey is under `keyRole`.
    /// The drag of the records of `indexes` (rows without a record are left out).
    static QMimeData *mimeData(const QModelIndexList &indexes, int keyRole);
    /// The verdict for dropping `data` on the row `target`, or why not.
    static LinkVerdict verdict(const QMimeData *data, const QModelIndex &target, int keyRole,
                               const LinkRepository *repository);
};
