#include "models/repositoryindex.h"

#include <QHashSeed>
#include <QJsonDocument>
#include <QJsonObject>
#include <QVarLengthArray>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <tuple>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype VendorIdCompactionMinimum = 64 * 1024;

void appendLength(QByteArray &out, qsizetype length)
{
    auto value = quint64(length);
    do {
        auto byte = quint8(value & 0x7f);
        value >>= 7;
        if (value)
            byte |= 0x80;
        out.append(char(byte));
    } while (value);
}

/// Reads a varint length at `p` that must fit before `end`; advances `p`.
bool readLength(const char *&p, const char *end, qsizetype *length)
{
    quint64 value = 0;
    for (int shift = 0; p < end && shift < 35; shift += 7) {
        const auto byte = quint8(*p++);
        value |= quint64(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            if (value > quint64(end - p))
                return false;
            *length = qsizetype(value);
            return true;
        }
    }
    return false;
}

/// Splits "[length][first][rest]" into first and rest; false when malformed.
bool splitPrefixed(QByteArrayView data, QByteArrayView *first, QByteArrayView *rest)
{
    const char *p = data.data();
    const char *end = p + data.size();
    qsizetype length = 0;
    if (!readLength(p, end, &length))
        return false;
    *first = QByteArrayView(p, length);
    *rest = QByteArrayView(p + length, end - p - length);
    return true;
}

void appendPayload(QByteArray &out, QByteArrayView titleUtf8, QByteArrayView webUrl,
                   QByteArrayView fieldsJson)
{
    appendLength(out, titleUtf8.size());
    out.append(titleUtf8);
    appendLength(out, webUrl.size());
    out.append(webUrl);
    out.append(fieldsJson);
}

bool isAscii(QByteArrayView bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return quint8(c) < 0x80; });
}

/// UTF-8 of `text` without a heap allocation for short ASCII strings.
using Utf8Buffer = QVarLengthArray<char, 128>;
QByteArrayView toUtf8(QStringView text, Utf8Buffer &buffer, QByteArray &fallback)
{
    buffer.resize(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (c >= 0x80) {
            fallback = text.toUtf8();
            return fallback;
        }
        buffer[i] = char(c);
    }
    return QByteArrayView(buffer.data(), buffer.size());
}

} // namespace

void RepositoryIndex::reserve(qsizetype records, qsizetype links)
{
    m_records.reserve(records);
    growRecordTable(records);
    m_slots.reserve(links);
    growLinkTable(links);
}

// --- groups and link types --------------------------------------------------------------------

quint32 RepositoryIndex::findGroup(Vendor vendor, const QString &account, const QString &type) const
{
    // A workspace has a few groups per account: a scan beats hashing two strings (and copying
    // them into a key) until there are many.
    constexpr qsizetype ScanLimit = 32;
    if (m_groups.size() <= ScanLimit) {
        for (qsizetype i = 0; i < m_groups.size(); ++i) {
            const Group &g = m_groups.at(i);
            if (g.vendor == vendor && g.type == type && g.account == account)
                return quint32(i);
        }
        return NoIndex;
    }
    return m_groupIndex.value(GroupKey{vendor, account, type}, NoIndex);
}

quint32 RepositoryIndex::addGroup(Vendor vendor, const QString &account, const QString &type)
{
    const auto group = quint32(m_groups.size());
    m_groups.append(Group{vendor, account, type, {}});
    m_groupIndex.insert(GroupKey{vendor, account, type}, group);
    // Groups are few: rank them all again.
    QList<quint32> order(m_groups.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [this](quint32 a, quint32 b) {
        const Group &ga = m_groups.at(a);
        const Group &gb = m_groups.at(b);
        return std::tie(ga.vendor, ga.account, ga.type) < std::tie(gb.vendor, gb.account, gb.type);
    });
    m_groupRank.resize(m_groups.size());
    for (qsizetype i = 0; i < order.size(); ++i)
        m_groupRank[order.at(i)] = quint32(i);
    return group;
}

quint32 RepositoryIndex::addLinkType(const QString &name)
{
    const auto type = quint32(m_linkTypeNames.size());
    m_linkTypeNames.append(name);
    m_linkTypes.insert(name, type);
    return type;
}

// --- records ----------------------------------------------------------------------------------

size_t RepositoryIndex::recordHash(quint32 group, QByteArrayView id) const
{
    return qHashBits(id.data(), size_t(id.size()), m_hashSeed ^ (size_t(group) * 0x9E3779B9u));
}

QByteArrayView RepositoryIndex::recordId(quint32 record) const
{
    const QByteArray &data = m_records.at(record).data;
    if (!data.isEmpty() && quint8(data.front()) < 0x80) // a one-byte length: the usual case
        return QByteArrayView(data).sliced(1,
                                           qMin<qsizetype>(quint8(data.front()), data.size() - 1));
    QByteArrayView id;
    QByteArrayView rest;
    splitPrefixed(m_records.at(record).data, &id, &rest);
    return id;
}

QByteArrayView RepositoryIndex::payload(quint32 record) const
{
    QByteArrayView id;
    QByteArrayView rest;
    splitPrefixed(m_records.at(record).data, &id, &rest);
    return rest;
}

void RepositoryIndex::growRecordTable(qsizetype minimumRecords)
{
    qsizetype capacity = qMax<qsizetype>(m_recordTable.size(), 16);
    while (minimumRecords * 10 > capacity * 7)
        capacity *= 2;
    if (capacity == m_recordTable.size())
        return;
    m_recordTable = QList<quint64>(capacity, 0);
    for (quint32 record = 0; record < quint32(m_records.size()); ++record)
        insertIntoRecordTable(record);
}

void RepositoryIndex::insertIntoRecordTable(quint32 record)
{
    const auto mask = size_t(m_recordTable.size() - 1);
    const size_t hash = recordHash(m_records.at(record).group, recordId(record));
    size_t bucket = hash & mask;
    while (m_recordTable.at(qsizetype(bucket)) != 0)
        bucket = (bucket + 1) & mask;
    m_recordTable[qsizetype(bucket)] = (quint64(quint32(quint64(hash) >> 32)) << 32) | (record + 1);
}

quint32 RepositoryIndex::findRecordUtf8(quint32 group, QByteArrayView id) const
{
    if (m_recordTable.isEmpty())
        return NoIndex;
    const auto mask = size_t(m_recordTable.size() - 1);
    const size_t hash = recordHash(group, id);
    const auto tag = quint32(quint64(hash) >> 32);
    for (size_t bucket = hash & mask;; bucket = (bucket + 1) & mask) {
        const quint64 entry = m_recordTable.at(qsizetype(bucket));
        if (entry == 0)
            return NoIndex;
        if (quint32(entry >> 32) != tag)
            continue;
        const auto record = quint32(entry) - 1;
        if (m_records.at(record).group == group && recordId(record) == id)
            return record;
    }
}

quint32 RepositoryIndex::findRecord(quint32 group, const QString &id) const
{
    Utf8Buffer buffer;
    QByteArray fallback;
    return findRecordUtf8(group, toUtf8(id, buffer, fallback));
}

quint32 RepositoryIndex::findRecord(const RecordKey &key) const
{
    const quint32 group = findGroup(key.vendor, key.account, key.type);
    return group == NoIndex ? NoIndex : findRecord(group, key.id);
}

quint32 RepositoryIndex::appendRecord(QByteArray data, quint32 group, quint32 dbId, bool full,
                                      bool asciiId)
{
    const auto record = quint32(m_records.size());
    RecordEntry entry;
    entry.data = std::move(data);
    entry.dbId = dbId;
    entry.group = group;
    entry.full = full;
    entry.asciiId = asciiId;
    m_records.append(std::move(entry));
    if (full)
        m_groups[group].full.append(record);
    return record;
}

quint32 RepositoryIndex::addRecord(quint32 group, QByteArrayView idUtf8, quint32 dbId,
                                   QByteArrayView payload, bool full)
{
    QByteArray data;
    data.reserve(idUtf8.size() + payload.size() + 2);
    appendLength(data, idUtf8.size());
    data.append(idUtf8);
    data.append(payload);
    const quint32 record = appendRecord(std::move(data), group, dbId, full, isAscii(idUtf8));
    growRecordTable(m_records.size());
    insertIntoRecordTable(record);
    return record;
}

qsizetype RepositoryIndex::freeRecordBucket(quint32 group, QByteArrayView id, size_t hash) const
{
    const auto mask = size_t(m_recordTable.size() - 1);
    const auto tag = quint32(quint64(hash) >> 32);
    for (size_t bucket = hash & mask;; bucket = (bucket + 1) & mask) {
        const quint64 entry = m_recordTable.at(qsizetype(bucket));
        if (entry == 0)
            return qsizetype(bucket);
        if (quint32(entry >> 32) != tag)
            continue;
        const auto record = quint32(entry) - 1;
        if (m_records.at(record).group == group && recordId(record) == id)
            return -1;
    }
}

quint32 RepositoryIndex::loadRecord(quint32 group, QByteArrayView idUtf8, quint32 dbId, bool full,
                                    QByteArrayView titleUtf8, QByteArrayView webUrl,
                                    QByteArrayView fieldsJson)
{
    growRecordTable(m_records.size() + 1);
    const size_t hash = recordHash(group, idUtf8);
    const qsizetype bucket = freeRecordBucket(group, idUtf8, hash);
    if (bucket < 0)
        return NoIndex;
    QByteArray data;
    data.reserve(idUtf8.size() + 2
                 + (full ? titleUtf8.size() + webUrl.size() + fieldsJson.size() + 4 : 0));
    appendLength(data, idUtf8.size());
    data.append(idUtf8);
    if (full)
        appendPayload(data, titleUtf8, webUrl, fieldsJson);
    const quint32 record = appendRecord(std::move(data), group, dbId, full, isAscii(idUtf8));
    m_recordTable[bucket] = (quint64(quint32(quint64(hash) >> 32)) << 32) | (record + 1);
    return record;
}

void RepositoryIndex::setPayload(quint32 record, QByteArrayView payload)
{
    RecordEntry &entry = m_records[record];
    const qsizetype prefix = entry.data.size() - this->payload(record).size();
    QByteArray data;
    data.reserve(prefix + payload.size());
    data.append(QByteArrayView(entry.data).first(prefix));
    data.append(payload);
    entry.data = std::move(data);
    if (!entry.full) {
        entry.full = true;
        m_groups[entry.group].full.append(record);
    }
}

RecordKey RepositoryIndex::recordKey(quint32 record) const
{
    const Group &group = m_groups.at(m_records.at(record).group);
    return RecordKey{group.vendor, group.account, group.type, QString::fromUtf8(recordId(record))};
}

Record RepositoryIndex::record(quint32 record) const
{
    Record result;
    result.key = recordKey(record);
    PayloadParts parts;
    if (!unpackPayload(payload(record), &parts))
        return result;
    result.title = QString::fromUtf8(parts.title);
    if (!parts.webUrl.isEmpty())
        result.webUrl = QUrl::fromEncoded(parts.webUrl.toByteArray());
    if (!parts.fieldsJson.isEmpty()) {
        const QJsonDocument json = QJsonDocument::fromJson(
            QByteArray::fromRawData(parts.fieldsJson.data(), parts.fieldsJson.size()));
        result.fields = json.object().toVariantMap();
    }
    return result;
}

bool RepositoryIndex::lessThan(quint32 a, quint32 b) const
{
    const RecordEntry &ea = m_records.at(a);
    const RecordEntry &eb = m_records.at(b);
    if (ea.group != eb.group)
        return m_groupRank.at(ea.group) < m_groupRank.at(eb.group);
    const QByteArrayView ia = recordId(a);
    const QByteArrayView ib = recordId(b);
    // Byte order is UTF-16 order for ASCII; anything else is compared as QString does.
    if (ea.asciiId && eb.asciiId)
        return ia.compare(ib) < 0;
    return QString::fromUtf8(ia) < QString::fromUtf8(ib);
}

// --- links ------------------------------------------------------------------------------------

size_t RepositoryIndex::linkHash(quint32 source, quint32 target, quint32 type) const
{
    return qHashMulti(m_hashSeed, source, target, type);
}

void RepositoryIndex::growLinkTable(qsizetype minimumLinks)
{
    qsizetype capacity = qMax<qsizetype>(m_linkTable.size(), 16);
    while (minimumLinks * 10 > capacity * 7)
        capacity *= 2;
    if (capacity == m_linkTable.size())
        return;
    m_linkTable = QList<quint64>(capacity, 0);
    for (quint32 slot = 0; slot < quint32(m_slots.size()); ++slot) {
        if (m_slots.at(slot).flags & Live)
            insertIntoLinkTable(slot);
    }
}

void RepositoryIndex::insertIntoLinkTable(quint32 slot)
{
    const LinkSlot &s = m_slots.at(slot);
    const size_t hash = linkHash(s.source, s.target, s.type);
    const auto mask = size_t(m_linkTable.size() - 1);
    size_t bucket = hash & mask;
    while (m_linkTable.at(qsizetype(bucket)) != 0)
        bucket = (bucket + 1) & mask;
    m_linkTable[qsizetype(bucket)] = (quint64(quint32(quint64(hash) >> 32)) << 32) | (slot + 1);
}

qsizetype RepositoryIndex::freeLinkBucket(const LinkSlot &values, size_t hash) const
{
    const auto tag = quint32(quint64(hash) >> 32);
    const auto mask = size_t(m_linkTable.size() - 1);
    for (size_t bucket = hash & mask;; bucket = (bucket + 1) & mask) {
        const quint64 entry = m_linkTable.at(qsizetype(bucket));
        if (entry == 0)
            return qsizetype(bucket);
        if (quint32(entry >> 32) != tag)
            continue;
        const LinkSlot &s = m_slots.at(quint32(entry) - 1);
        if (s.source == values.source && s.target == values.target && s.type == values.type)
            return -1;
    }
}

void RepositoryIndex::removeFromLinkTable(quint32 slot)
{
    const LinkSlot &s = m_slots.at(slot);
    const auto mask = size_t(m_linkTable.size() - 1);
    size_t bucket = linkHash(s.source, s.target, s.type) & mask;
    while (quint32(m_linkTable.at(qsizetype(bucket))) != slot + 1)
        bucket = (bucket + 1) & mask;
    // Backward-shift deletion keeps every probe sequence unbroken without tombstones.
    size_t hole = bucket;
    for (size_t next = (hole + 1) & mask;; next = (next + 1) & mask) {
        const quint64 entry = m_linkTable.at(qsizetype(next));
        if (entry == 0)
            break;
        const LinkSlot &moved = m_slots.at(quint32(entry) - 1);
        const size_t home = linkHash(moved.source, moved.target, moved.type) & mask;
        // Move the entry into the hole unless its home lies cyclically in (hole, next].
        const bool stays
            = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next);
        if (stays)
            continue;
        m_linkTable[qsizetype(hole)] = entry;
        hole = next;
    }
    m_linkTable[qsizetype(hole)] = 0;
}

quint32 RepositoryIndex::findLink(quint32 source, quint32 target, quint32 type) const
{
    if (m_linkTable.isEmpty())
        return NoIndex;
    const size_t hash = linkHash(source, target, type);
    const auto tag = quint32(quint64(hash) >> 32);
    const auto mask = size_t(m_linkTable.size() - 1);
    for (size_t bucket = hash & mask;; bucket = (bucket + 1) & mask) {
        const quint64 entry = m_linkTable.at(qsizetype(bucket));
        if (entry == 0)
            return NoIndex;
        if (quint32(entry >> 32) != tag)
            continue;
        const quint32 slot = quint32(entry) - 1;
        const LinkSlot &s = m_slots.at(slot);
        if (s.source == source && s.target == target && s.type == type)
            return slot;
    }
}

QByteArrayView RepositoryIndex::vendorLinkIdUtf8(quint32 offset) const
{
    QByteArrayView id;
    QByteArrayView rest;
    splitPrefixed(QByteArrayView(m_vendorIds).sliced(offset), &id, &rest);
    return id;
}

QString RepositoryIndex::vendorLinkId(quint32 slot) const
{
    const quint32 offset = m_slots.at(slot).vendorLinkId;
    return offset == NoIndex ? QString() : QString::fromUtf8(vendorLinkIdUtf8(offset));
}

bool RepositoryIndex::vendorLinkIdEquals(quint32 slot, const QString &id) const
{
    const quint32 offset = m_slots.at(slot).vendorLinkId;
    if (offset == NoIndex || id.isEmpty())
        return offset == NoIndex && id.isEmpty();
    Utf8Buffer buffer;
    QByteArray fallback;
    return vendorLinkIdUtf8(offset) == toUtf8(id, buffer, fallback);
}

QString RepositoryIndex::error(quint32 slot) const
{
    return m_slots.at(slot).flags & HasError ? m_errors.value(slot) : QString();
}

Link RepositoryIndex::link(quint32 slot) const
{
    const LinkSlot &s = m_slots.at(slot);
    Link result;
    result.source = recordKey(s.source);
    result.target = recordKey(s.target);
    result.type = m_linkTypeNames.at(s.type);
    result.direction = s.direction;
    result.state = s.state;
    result.vendorLinkId = vendorLinkId(slot);
    result.error = error(slot);
    return result;
}

quint32 RepositoryIndex::storeVendorLinkId(QByteArrayView idUtf8)
{
    if (idUtf8.isEmpty())
        return NoIndex;
    const auto offset = quint32(m_vendorIds.size());
    appendLength(m_vendorIds, idUtf8.size());
    m_vendorIds.append(idUtf8);
    return offset;
}

void RepositoryIndex::releaseVendorLinkId(quint32 offset)
{
    if (offset == NoIndex)
        return;
    m_vendorIdGarbage += vendorLinkIdUtf8(offset).size() + 1;
    if (m_vendorIdGarbage > VendorIdCompactionMinimum && m_vendorIdGarbage * 2 > m_vendorIds.size())
        compactVendorLinkIds();
}

void RepositoryIndex::compactVendorLinkIds()
{
    QByteArray compact;
    compact.reserve(m_vendorIds.size() - m_vendorIdGarbage);
    for (LinkSlot &s : m_slots) {
        if (!(s.flags & Live) || s.vendorLinkId == NoIndex)
            continue;
        const QByteArrayView id = vendorLinkIdUtf8(s.vendorLinkId);
        s.vendorLinkId = quint32(compact.size());
        appendLength(compact, id.size());
        compact.append(id);
    }
    m_vendorIds = std::move(compact);
    m_vendorIdGarbage = 0;
}

void RepositoryIndex::setError(quint32 slot, const QString &error)
{
    LinkSlot &s = m_slots[slot];
    if (!error.isEmpty()) {
        m_errors.insert(slot, error);
        s.flags |= HasError;
    } else if (s.flags & HasError) {
        m_errors.remove(slot);
        s.flags &= ~HasError;
    }
}

quint32 RepositoryIndex::addLink(const LinkSlot &values, const QString &vendorLinkId,
                                 const QString &error)
{
    quint32 slot;
    if (!m_freeSlots.isEmpty()) {
        slot = m_freeSlots.takeLast();
        m_slots[slot] = values;
    } else {
        slot = quint32(m_slots.size());
        m_slots.append(values);
    }
    LinkSlot &s = m_slots[slot];
    s.flags = Live | (values.flags & StoredReversed);
    s.vendorLinkId = storeVendorLinkId(vendorLinkId.toUtf8());
    setError(slot, error);
    s.nextOfSource = NoIndex;
    s.nextOfTarget = NoIndex;
    ++m_linkCount;
    growLinkTable(m_linkCount);
    insertIntoLinkTable(slot);
    appendToAdjacency(values.source, slot);
    if (values.target != values.source)
        appendToAdjacency(values.target, slot);
    return slot;
}

void RepositoryIndex::updateLink(quint32 slot, LinkDirection direction, LinkState state,
                                 const QString &vendorLinkId, const QString &error)
{
    LinkSlot &s = m_slots[slot];
    s.direction = direction;
    s.state = state;
    if (!vendorLinkIdEquals(slot, vendorLinkId)) {
        const quint32 old = s.vendorLinkId;
        s.vendorLinkId = storeVendorLinkId(vendorLinkId.toUtf8());
        releaseVendorLinkId(old); // may compact: `s` stays valid, offsets change
    }
    setError(slot, error);
}

void RepositoryIndex::removeLink(quint32 slot)
{
    removeFromLinkTable(slot);
    --m_linkCount;
    LinkSlot &s = m_slots[slot];
    removeFromAdjacency(s.source, slot);
    if (s.target != s.source)
        removeFromAdjacency(s.target, slot);
    setError(slot, QString());
    const quint32 vendorLinkId = s.vendorLinkId;
    s = LinkSlot(); // not Live any more
    releaseVendorLinkId(vendorLinkId);
    m_freeSlots.append(slot);
}

quint32 RepositoryIndex::loadLink(const LinkSlot &values, QByteArrayView vendorLinkIdUtf8)
{
    growLinkTable(m_linkCount + 1);
    const size_t hash = linkHash(values.source, values.target, values.type);
    const qsizetype bucket = freeLinkBucket(values, hash);
    if (bucket < 0)
        return NoIndex; // the key is taken already
    const auto slot = quint32(m_slots.size());
    m_slots.append(values);
    LinkSlot &s = m_slots.last();
    s.flags = Live | (values.flags & StoredReversed);
    s.vendorLinkId = storeVendorLinkId(vendorLinkIdUtf8);
    s.nextOfSource = NoIndex;
    s.nextOfTarget = NoIndex;
    ++m_linkCount;
    m_linkTable[bucket] = (quint64(quint32(quint64(hash) >> 32)) << 32) | (slot + 1);
    return slot;
}

quint32 &RepositoryIndex::nextLinkRef(quint32 record, quint32 slot)
{
    LinkSlot &s = m_slots[slot];
    return s.source == record ? s.nextOfSource : s.nextOfTarget;
}

void RepositoryIndex::appendToAdjacency(quint32 record, quint32 slot)
{
    RecordEntry &entry = m_records[record];
    if (entry.lastLink == NoIndex)
        entry.firstLink = slot;
    else
        nextLinkRef(record, entry.lastLink) = slot;
    entry.lastLink = slot;
}

void RepositoryIndex::removeFromAdjacency(quint32 record, quint32 slot)
{
    RecordEntry &entry = m_records[record];
    quint32 previous = NoIndex;
    for (quint32 current = entry.firstLink; current != NoIndex;) {
        const quint32 next = nextLinkOf(record, current);
        if (current == slot) {
            if (previous == NoIndex)
                entry.firstLink = next;
            else
                nextLinkRef(record, previous) = next;
            if (entry.lastLink == slot)
                entry.lastLink = previous;
            return;
        }
        previous = current;
        current = next;
    }
}

void RepositoryIndex::finishLoading(const QList<quint64> &fullOrder)
{
    for (quint32 slot = 0; slot < quint32(m_slots.size()); ++slot) {
        const LinkSlot &s = m_slots.at(slot);
        if (!(s.flags & Live))
            continue;
        appendToAdjacency(s.source, slot);
        if (s.target != s.source)
            appendToAdjacency(s.target, slot);
    }
    m_vendorIds.squeeze();
    if (fullOrder.size() != m_records.size())
        return;
    for (Group &group : m_groups) {
        std::stable_sort(group.full.begin(), group.full.end(),
                         [&](quint32 a, quint32 b) { return fullOrder.at(a) < fullOrder.at(b); });
    }
}

// --- payload ----------------------------------------------------------------------------------

QByteArray RepositoryIndex::packPayload(QByteArrayView titleUtf8, QByteArrayView webUrl,
                                        QByteArrayView fieldsJson)
{
    QByteArray out;
    out.reserve(titleUtf8.size() + webUrl.size() + fieldsJson.size() + 4);
    appendPayload(out, titleUtf8, webUrl, fieldsJson);
    return out;
}

bool RepositoryIndex::unpackPayload(QByteArrayView payload, PayloadParts *parts)
{
    *parts = PayloadParts();
    if (payload.isEmpty())
        return true;
    QByteArrayView title;
    QByteArrayView rest;
    if (!splitPrefixed(payload, &title, &rest))
        return false;
    QByteArrayView url;
    QByteArrayView fields;
    if (!splitPrefixed(rest, &url, &fields))
        return false;
    parts->title = title;
    parts->webUrl = url;
    parts->fieldsJson = fields;
    return true;
}
