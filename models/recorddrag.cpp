#include "models/recorddrag.h"

#include "models/linkrepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QMimeData>
#include <QSet>

using namespace Qt::StringLiterals;

namespace {

/// A drag document is small: MaxRecords keys of at most a few hundred bytes each.
constexpr qsizetype MaxDocumentBytes = 512 * 1024;

/// The record as a person knows it: its title, else its key.
QString nameOf(const RecordKey &key, const LinkRepository *repository)
{
    const QString title = repository ? repository->title(key) : QString();
    return title.isEmpty() ? key.toString() : title;
}

} // namespace

QMimeData *RecordDrag::mimeData(const QList<RecordKey> &keys)
{
    QJsonArray array;
    QStringList lines;
    QSet<RecordKey> seen;
    for (const RecordKey &key : keys) {
        if (!key.isValid() || seen.contains(key))
            continue;
        seen.insert(key);
        array.append(key.toString());
        lines.append(key.toString());
    }
    if (array.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(QString(MimeType),
                  QJsonDocument(QJsonObject{{u"version"_s, Version}, {u"keys"_s, array}})
                      .toJson(QJsonDocument::Compact));
    data->setText(lines.join(u'\n'));
    return data;
}

RecordDrag::Decoded RecordDrag::decode(const QMimeData *data)
{
    Decoded decoded;
    const auto refuse = [&decoded](const QString &problem) {
        decoded.keys.clear();
        decoded.problem = problem;
        return decoded;
    };
    if (!data || !data->hasFormat(QString(MimeType)))
        return refuse(tr("Only records dragged from Linkloom can be linked here."));
    const QByteArray bytes = data->data(QString(MimeType));
    const QString damaged = tr("The dragged records could not be read. Drag them again from "
                               "Linkloom's tree, Related panel or search results.");
    if (bytes.size() > MaxDocumentBytes)
        return refuse(damaged);
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return refuse(damaged);
    const QJsonObject object = document.object();
    const QJsonValue version = object.value(u"version"_s);
    if (!version.isDouble() || version.toDouble() != Version) {
        return refuse(version.isDouble() && version.toDouble() > Version
                          ? tr("The records were dragged from a newer Linkloom. Drag them "
                               "within this window, or update this Linkloom.")
                          : damaged);
    }
    const QJsonValue keys = object.value(u"keys"_s);
    if (!keys.isArray() || keys.toArray().isEmpty())
        return refuse(damaged);
    const QJsonArray array = keys.toArray();
    if (array.size() > MaxRecords) {
        return refuse(tr("At most %n records can be linked in one drag; select fewer.", nullptr,
                         int(MaxRecords)));
    }
    QSet<RecordKey> seen;
    for (const QJsonValue &value : array) {
        const auto key = value.isString() ? RecordKey::fromString(value.toString()) : std::nullopt;
        if (!key || !key->isValid())
            return refuse(damaged);
        if (!seen.contains(*key)) {
            seen.insert(*key);
            decoded.keys.append(*key);
        }
    }
    return decoded;
}

LinkVerdict RecordDrag::check(const QList<RecordKey> &dragged, const RecordKey &target,
                              const LinkRepository *repository)
{
    LinkVerdict verdict;
    if (dragged.isEmpty() || !repository) {
        verdict.reason = tr("There is nothing to link.");
        return verdict;
    }
    if (!repository->contains(target)) {
        verdict.reason = tr("“%1” is not in the workspace any more; refresh it and try again.")
                             .arg(target.toString());
        return verdict;
    }
    const QList<LinkType> types = repository->linkTypes(target.vendor, target.account);
    bool first = true;
    for (const RecordKey &key : dragged) {
        if (!repository->contains(key)) {
            verdict.choices.clear();
            verdict.reason = tr("“%1” is not in the workspace any more (it was removed or the "
                                "drag is old); refresh it and drag it again.")
                                 .arg(key.toString());
            return verdict;
        }
        const LinkVerdict one = LinkRules::check(key, target, types, repository);
        if (!one.allowed()) {
            verdict.choices.clear();
            verdict.reason = dragged.size() == 1
                ? one.reason
                : tr("“%1” cannot be linked to “%2”: %3")
                      .arg(nameOf(key, repository), nameOf(target, repository), one.reason);
            return verdict;
        }
        if (first) {
            verdict.choices = one.choices;
            first = false;
            continue;
        }
        // Keep the ways every record so far can be linked.
        verdict.choices.removeIf([&one](const LinkChoice &choice) {
            return std::none_of(
                one.choices.cbegin(), one.choices.cend(), [&choice](const LinkChoice &other) {
                    return other.type.id == choice.type.id && other.reversed == choice.reversed;
                });
        });
        if (verdict.choices.isEmpty()) {
            verdict.reason = tr("These records need different kinds of link to “%1”; link them "
                                "one kind at a time.")
                                 .arg(nameOf(target, repository));
            return verdict;
        }
    }
    return verdict;
}

QMimeData *RecordDrag::mimeData(const QModelIndexList &indexes, int keyRole)
{
    QList<RecordKey> keys;
    for (const QModelIndex &index : indexes) {
        const QVariant key = index.data(keyRole);
        if (key.isValid())
            keys.append(key.value<RecordKey>());
    }
    return mimeData(keys);
}

LinkVerdict RecordDrag::verdict(const QMimeData *data, const QModelIndex &target, int keyRole,
                                const LinkRepository *repository)
{
    LinkVerdict verdict;
    const QVariant key = target.data(keyRole);
    if (!key.isValid()) {
        verdict.reason = tr("Drop the records on a record to link them to it.");
        return verdict;
    }
    const Decoded dragged = decode(data);
    if (!dragged.ok()) {
        verdict.reason = dragged.problem;
        return verdict;
    }
    return check(dragged.keys, key.value<RecordKey>(), repository);
}
