#pragma once

#include "models/vendor.h"

#include <QHashFunctions>
#include <QMetaType>
#include <QString>

#include <optional>

/// Identifies one record anywhere: the vendor, the account it was read from (the account id the
/// user configured), the vendor's own record type ("person", "issue", "bug", "entry") and the
/// vendor's id for it. Vendor ids are unique per type only (Copper), so the type is part of the
/// key.
struct RecordKey
{
    Vendor vendor = Vendor::Copper;
    QString account;
    QString type;
    QString id;

    /// True when account, type and id are all non-empty.
    bool isValid() const;

    /// "vendor:account:type:id" with each part percent-encoded, so parts may contain ':'.
    /// Round-trips through fromString(); used in MIME data, logs and the command line.
    QString toString() const;
    static std::optional<RecordKey> fromString(QStringView text);

    friend bool operator==(const RecordKey &a, const RecordKey &b) = default;
    friend bool operator<(const RecordKey &a, const RecordKey &b);
};

size_t qHash(const RecordKey &key, size_t seed = 0) noexcept;

Q_DECLARE_METATYPE(RecordKey)
