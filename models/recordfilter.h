#pragma once

#include "models/vendor.h"

#include <QHashFunctions>
#include <QMetaType>
#include <QSet>
#include <QString>

/// One record type of one vendor, in every account of that vendor ("copper" / "person").
struct VendorRecordType
{
    Vendor vendor = Vendor::Copper;
    QString type; ///< as in RecordKey::type

    friend bool operator==(const VendorRecordType &, const VendorRecordType &) = default;
    friend size_t qHash(const VendorRecordType &t, size_t seed = 0) noexcept
    {
        return qHashMulti(seed, quint8(t.vendor), t.type);
    }
};

/// What the explorer's search box and filter controls ask for. A record matches when it passes
/// every part that is set; an empty part lets everything through.
///
/// `text` matches, ignoring case, accents and runs of white space ("cafe" finds "Café  Noir"):
/// - a substring of the record's title;
/// - the start of the vendor's record id, or of its last part after '/' or ':' (DevRev ids
///   "don:core:…:issue/12" are found by "12"), or the whole id;
/// - when it contains ':', the start of the record's key string (RecordKey::toString(), as
///   copied from the app: "copper:acme:person:1402").
///
/// Only full records match, never stubs (records known only as the end of a link).
struct RecordFilter
{
    enum class Links : quint8 {
        Any, ///< with or without links
        WithLinks, ///< at least one link (of any type, in any state)
        WithoutLinks, ///< no link at all
    };

    QString text;
    /// Only records of these vendors; empty: every vendor.
    QSet<Vendor> vendors;
    /// Only records of these record types; empty: every type.
    QSet<VendorRecordType> recordTypes;
    /// Only records with at least one link of one of these types (Link::type ids, in any
    /// account); empty: links of any type or none.
    QSet<QString> linkTypes;
    Links links = Links::Any;

    /// True when the filter lets every record through (white space alone is no text).
    bool isEmpty() const
    {
        return text.trimmed().isEmpty() && vendors.isEmpty() && recordTypes.isEmpty()
            && linkTypes.isEmpty() && links == Links::Any;
    }

    friend bool operator==(const RecordFilter &, const RecordFilter &) = default;
};

Q_DECLARE_METATYPE(VendorRecordType)
Q_DECLARE_METATYPE(RecordFilter)
