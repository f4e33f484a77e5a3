#pragma once

#include "models/recordkey.h"

#include <QMetaType>
#include <QUrl>
#include <QVariantMap>

/// One record as Linkloom shows it. Fields are the vendor's attributes worth displaying, keyed
/// by a display name; they are informational and never sent back to the vendor.
struct Record
{
    RecordKey key;
    QString title;
    QVariantMap fields;
    QUrl webUrl;

    /// The title, or "type id" when the record is only known through a link so far.
    QString displayTitle() const;

    friend bool operator==(const Record &a, const Record &b) = default;
};

Q_DECLARE_METATYPE(Record)
