#pragma once

// Private to LinkRepository: not part of the models library's API.

#include "models/link.h"
#include "models/record.h"

#include <QByteArray>
#include <QHash>
#include <QHashSeed>
#include <QList>
#include <QString>

/// The in-memory indexes behind LinkRepository, with no I/O and no signals.
///
/// Built for size first (a workspace holds hundreds of thousands of links) and lookups second:
/// - Records are interned into a vector and referred to by their index. Vendor, account and
///   type are interned once per "group" (one vendor account and record type). A record keeps
///   its id and payload (title, web URL and fields as stored) packed as UTF-8 in one byte
///   array, and the first and last slot of its adjacency list. The list is threaded through
///   the link slots (each slot knows the next link of its source and of its target), so it
///   costs no allocation and keeps the order in which links were added.
/// - Records are found through an open-addressing table of record indexes, hashed on group and
///   id, so no key is stored twice.
/// - Links live in a vector of compact slots (two record indexes, a link-type index, direction,
///   state, flags, a reference to the vendor's link id). Removed slots go to a free list.
///   Vendor link ids live in one UTF-8 arena that is compacted when half of it is garbage;
///   error messages (rare) in a side hash.
/// Records are never removed, so record, group and link-type indexes only grow: callers may
/// predict the index the next addition gets (recordCount(), groupCount(), linkTypeCount()).
class RepositoryIndex
{
public:
    static constexpr quint32 NoIndex = 0xffffffffu;

    struct LinkSlot
    {
        quint32 source = NoIndex; ///< record index of Link::key().source
        quint32 target = NoIndex; ///< record index of Link::key().target
        quint32 type = NoIndex; ///< link-type index
        quint32 vendorLinkId = NoIndex; ///< offset in the vendor-id arena, NoIndex if none
        quint32 nextOfSource = NoIndex; ///< adjacency list of `source` (of both for self-links)
        quint32 nextOfTarget = NoIndex; ///< adjacency list of `target`
        LinkDirection direction = LinkDirection::Undirected;
        LinkState state = LinkState::Confirmed;
        quint8 flags = 0; ///< SlotFlag bits
    };

    enum SlotFlag : quint8 {
        Live = 0x1,
        HasError = 0x2,
        /// The file stores the ends the other way round than key() (written by other code).
        StoredReversed = 0x4,
    };

    void reserve(qsizetype records, qsizetype links);

    // --- groups: one vendor account and record type ----------------------------------------
    quint32 groupCount() const { return quint32(m_groups.size()); }
    quint32 findGroup(Vendor vendor, const QString &account, const QString &type) const;
    quint32 addGroup(Vendor vendor, const QString &account, const QString &type);
    /// Whether `group` holds records of this vendor account, and of which type.
    bool groupIsOf(quint32 group, Vendor vendor, const QString &account) const
    {
        return m_groups.at(group).vendor == vendor && m_groups.at(group).account == account;
    }
    const QString &groupType(quint32 group) const { return m_groups.at(group).type; }
    /// The full records of a group, in the order they became full.
    const QList<quint32> &fullRecordsOf(quint32 group) const { return m_groups.at(group).full; }

    // --- link types -------------------------------------------------------------------------
    quint32 linkTypeCount() const { return quint32(m_linkTypeNames.size()); }
    quint32 findLinkType(const QString &name) const { return m_linkTypes.value(name, NoIndex); }
    quint32 addLinkType(const QString &name);
    const QString &linkTypeName(quint32 type) const { return m_linkTypeNames.at(type); }

    // --- records ----------------------------------------------------------------------------
    quint32 recordCount() const { return quint32(m_records.size()); }
    quint32 findRecord(const RecordKey &key) const;
    quint32 findRecord(quint32 group, const QString &id) const;
    quint32 findRecordUtf8(quint32 group, QByteArrayView id) const;
    /// Adds a full record or a stub while loading, packing its payload in place. Returns
    /// NoIndex (and adds nothing) when the key is taken.
    quint32 loadRecord(quint32 group, QByteArrayView idUtf8, quint32 dbId, bool full,
                       QByteArrayView titleUtf8, QByteArrayView webUrl, QByteArrayView fieldsJson);
    /// Appends a record; with an empty payload and `full` false it is a stub.
    quint32 addRecord(quint32 group, QByteArrayView idUtf8, quint32 dbId, QByteArrayView payload,
                      bool full);
    /// Stores a new payload; a stub becomes full and is appended to its group's list.
    void setPayload(quint32 record, QByteArrayView payload);
    bool isFull(quint32 record) const { return m_records.at(record).full; }
    QByteArrayView payload(quint32 record) const;
    quint32 dbId(quint32 record) const { return m_records.at(record).dbId; }
    RecordKey recordKey(quint32 record) const;
    Record record(quint32 record) const;
    /// Link slots touching the record, in the order they were added (a forward range).
    class LinkRange
    {
    public:
        class iterator
        {
        public:
            quint32 operator*() const { return m_slot; }
            iterator &operator++()
            {
                m_slot = m_index->nextLinkOf(m_record, m_slot);
                return *this;
            }
            friend bool operator==(const iterator &a, const iterator &b) = default;

        private:
            friend class LinkRange;
            iterator(const RepositoryIndex *index, quint32 record, quint32 slot)
                : m_index(index)
                , m_record(record)
                , m_slot(slot)
            { }
            const RepositoryIndex *m_index;
            quint32 m_record;
            quint32 m_slot;
        };
        iterator begin() const { return {m_index, m_record, m_index->firstLinkOf(m_record)}; }
        iterator end() const { return {m_index, m_record, NoIndex}; }

    private:
        friend class RepositoryIndex;
        LinkRange(const RepositoryIndex *index, quint32 record)
            : m_index(index)
            , m_record(record)
        { }
        const RepositoryIndex *m_index;
        quint32 m_record;
    };
    LinkRange linksOf(quint32 record) const { return LinkRange(this, record); }
    quint32 firstLinkOf(quint32 record) const { return m_records.at(record).firstLink; }
    quint32 nextLinkOf(quint32 record, quint32 slot) const
    {
        const LinkSlot &s = m_slots.at(slot);
        return s.source == record ? s.nextOfSource : s.nextOfTarget;
    }
    /// Orders two records like RecordKey's operator<.
    bool lessThan(quint32 a, quint32 b) const;

    // --- links ------------------------------------------------------------------------------
    qsizetype linkCount() const { return m_linkCount; }
    quint32 findLink(quint32 source, quint32 target, quint32 type) const;
    const LinkSlot &slot(quint32 slot) const { return m_slots.at(slot); }
    QString vendorLinkId(quint32 slot) const;
    /// True when the link's vendor id equals `id` (no conversion when both are empty).
    bool vendorLinkIdEquals(quint32 slot, const QString &id) const;
    QString error(quint32 slot) const;
    Link link(quint32 slot) const;
    /// Adds a link whose ends are given in key() order (`values.vendorLinkId` is ignored).
    /// Returns its slot.
    quint32 addLink(const LinkSlot &values, const QString &vendorLinkId, const QString &error);
    void updateLink(quint32 slot, LinkDirection direction, LinkState state,
                    const QString &vendorLinkId, const QString &error);
    void removeLink(quint32 slot);

    // --- bulk loading -----------------------------------------------------------------------
    /// Adds a link while loading, without adjacency lists; call finishLoading() once all
    /// links are in. Returns the slot, or NoIndex (and adds nothing) when the key is taken.
    quint32 loadLink(const LinkSlot &values, QByteArrayView vendorLinkIdUtf8);
    /// Sets the error of a link while loading.
    void loadError(quint32 slot, const QString &error) { setError(slot, error); }
    /// Builds the adjacency lists (in slot order) and orders each group's full records by
    /// `fullOrder` (indexed by record; ties keep record order).
    void finishLoading(const QList<quint64> &fullOrder);

    // --- payload: title, web URL and fields, packed as they are stored ----------------------
    /// `webUrl` is QUrl::toEncoded(), `fieldsJson` a compact JSON object or empty.
    static QByteArray packPayload(QByteArrayView titleUtf8, QByteArrayView webUrl,
                                  QByteArrayView fieldsJson);
    struct PayloadParts
    {
        QByteArrayView title; ///< UTF-8
        QByteArrayView webUrl;
        QByteArrayView fieldsJson;
    };
    /// False when the payload is malformed (then parts are empty).
    static bool unpackPayload(QByteArrayView payload, PayloadParts *parts);

private:
    struct Group
    {
        Vendor vendor;
        QString account;
        QString type;
        QList<quint32> full;
    };
    struct GroupKey
    {
        Vendor vendor;
        QString account;
        QString type;
        friend bool operator==(const GroupKey &, const GroupKey &) = default;
        friend size_t qHash(const GroupKey &key, size_t seed = 0) noexcept
        {
            return qHashMulti(seed, quint8(key.vendor), key.account, key.type);
        }
    };
    struct RecordEntry
    {
        /// [length][id][payload]: the id and the payload, UTF-8; the length as a varint.
        QByteArray data;
        quint32 firstLink = NoIndex;
        quint32 lastLink = NoIndex;
        quint32 dbId = 0;
        quint32 group : 30;
        quint32 full : 1;
        quint32 asciiId : 1; ///< byte order is RecordKey order
    };

    QByteArrayView recordId(quint32 record) const;
    size_t recordHash(quint32 group, QByteArrayView id) const;
    void insertIntoRecordTable(quint32 record);
    /// The bucket for a new entry with this key, or -1 when the key is there already.
    qsizetype freeRecordBucket(quint32 group, QByteArrayView id, size_t hash) const;
    quint32 appendRecord(QByteArray data, quint32 group, quint32 dbId, bool full, bool asciiId);
    void growRecordTable(qsizetype minimumRecords);

    quint32 storeVendorLinkId(QByteArrayView idUtf8);
    void releaseVendorLinkId(quint32 offset);
    QByteArrayView vendorLinkIdUtf8(quint32 offset) const;
    void compactVendorLinkIds();
    void setError(quint32 slot, const QString &error);

    size_t linkHash(quint32 source, quint32 target, quint32 type) const;
    void growLinkTable(qsizetype minimumLinks);
    void appendToAdjacency(quint32 record, quint32 slot);
    void removeFromAdjacency(quint32 record, quint32 slot);
    quint32 &nextLinkRef(quint32 record, quint32 slot);
    void insertIntoLinkTable(quint32 slot);
    qsizetype freeLinkBucket(const LinkSlot &values, size_t hash) const;
    void removeFromLinkTable(quint32 slot);

    QList<Group> m_groups;
    QList<quint32> m_groupRank; ///< position of each group in RecordKey order
    QHash<GroupKey, quint32> m_groupIndex;

    QList<QString> m_linkTypeNames;
    QHash<QString, quint32> m_linkTypes;

    QList<RecordEntry> m_records;
    /// Open addressing, linear probing: (upper 32 bits of the hash << 32) | (record index + 1),
    /// 0 for an empty bucket, so most mismatches are rejected without touching the record.
    /// The size is a power of two and at most 70% used.
    QList<quint64> m_recordTable;
    size_t m_hashSeed = QHashSeed::globalSeed();

    QList<LinkSlot> m_slots;
    QList<quint32> m_freeSlots;
    /// (source, target, type) -> slot, built like m_recordTable: (hash tag << 32) | (slot + 1).
    QList<quint64> m_linkTable;
    qsizetype m_linkCount = 0;
    /// Vendor link ids, each stored as [length][UTF-8 bytes].
    QByteArray m_vendorIds;
    qsizetype m_vendorIdGarbage = 0;
    QHash<quint32, QString> m_errors;
};
