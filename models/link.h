#pragma once

#include "models/recordkey.h"

#include <QMetaType>

/// Whether a link has a meaningful direction. Copper related items and pm415 connections are
/// undirected; DevRev links, Copper connect fields and Laserfiche links are directed.
enum class LinkDirection : quint8 {
    Undirected = 0,
    Directed = 1,
};

/// Where a link stands between Linkloom and the vendor. Stored in workspace files: append only.
enum class LinkState : quint8 {
    Confirmed = 0, ///< the vendor has it (read from the vendor or verified after a write)
    Pending = 1, ///< the user made or removed it; not yet confirmed by the vendor
    Failed = 2, ///< the vendor refused or the write could not be done; see Link::error
};

/// The identity of a link: its two ends and its type. For undirected links the ends are put in
/// a canonical order, so A-B and B-A are the same key.
struct LinkKey
{
    RecordKey source;
    RecordKey target;
    QString type;

    friend bool operator==(const LinkKey &a, const LinkKey &b) = default;
};

size_t qHash(const LinkKey &key, size_t seed = 0) noexcept;

/// A link between two records of the same vendor and account.
struct Link
{
    RecordKey source;
    RecordKey target;
    /// The vendor's link type id: "related" for Copper related items, a connect-field
    /// definition id, a DevRev link_type, "connection" for pm415, a Laserfiche definition id.
    QString type;
    LinkDirection direction = LinkDirection::Undirected;
    /// The vendor's own id for the link where it has one (DevRev, Copper connect fields).
    QString vendorLinkId;
    LinkState state = LinkState::Confirmed;
    /// The vendor's message when state is Failed.
    QString error;

    LinkKey key() const;
    /// The end that is not `end`; `end` itself when the link joins a record to itself.
    RecordKey otherEnd(const RecordKey &end) const;
    bool touches(const RecordKey &end) const { return source == end || target == end; }

    friend bool operator==(const Link &a, const Link &b) = default;
};

Q_DECLARE_METATYPE(LinkKey)
Q_DECLARE_METATYPE(Link)
