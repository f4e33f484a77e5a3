#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <map>
#include <optional>

/// The entry types of the Repository API's EntryType enumeration.
enum class LaserficheEntryType : quint8 { Folder, RecordSeries, Document, Shortcut };
QString laserficheEntryTypeName(LaserficheEntryType type);
std::optional<LaserficheEntryType> laserficheEntryTypeFromName(QStringView name);

/// One field value of an entry (its template's field `name`).
struct LaserficheFieldValue
{
    QString name;
    QString value;
};

/// A repository entry: a folder, a document or a shortcut. Paths are not stored: they follow
/// the parent chain (LaserficheWorld::fullPath()).
struct LaserficheEntry
{
    qint32 id = 0;
    qint32 parentId = 0; ///< 0 for the root folder only
    QString name; ///< without the extension, as Laserfiche names documents
    LaserficheEntryType type = LaserficheEntryType::Folder;
    QString creator;
    qint64 createdMs = 0;
    qint64 modifiedMs = 0;
    // Documents (extension also for shortcuts: the target's)
    QString extension;
    QString mimeType;
    qint64 size = 0;
    qint32 pageCount = 0;
    bool isRecord = false;
    bool isCheckedOut = false;
    // Shortcuts
    qint32 targetId = 0;
    // Metadata
    qint32 templateId = 0;
    QList<LaserficheFieldValue> fields;
    /// Locked (checked out, under a persistent lock, ...): links cannot change, 423.
    bool locked = false;
};

struct LaserficheTemplate
{
    qint32 id = 0;
    QString name;
    QStringList fieldNames;
};

/// A link type of the repository.
struct LaserficheLinkDefinition
{
    qint32 id = 0;
    QString sourceLabel;
    QString targetLabel;
    QString description;
};

/// One directed link between two entries, of one definition, with string custom properties.
struct LaserficheLink
{
    qint32 id = 0;
    qint32 definitionId = 0;
    qint32 sourceId = 0;
    qint32 targetId = 0;
    QMap<QString, QString> properties;
};

/// One link as PUT .../Links lists it, seen from the entry named in the URL.
struct LaserficheLinkSpec
{
    qint32 definitionId = 0;
    qint32 otherEntryId = 0;
    bool isSource = true;
    QMap<QString, QString> properties;
};

/// The state of the simulated repository: entries, templates, link definitions and links. No
/// HTTP here; LaserficheSandbox maps it to the Repository API.
///
/// Links are directed (source -> target) and typed by a definition; an entry's links are those
/// where it is the source or the target. The key of a link is (definition, source, target): at
/// most one link per key.
class LaserficheWorld
{
public:
    LaserficheWorld() = default;

    /// Adds an entry; its parent must exist (except for the root, id 1, parent 0). Returns false
    /// for a duplicate id or a missing parent.
    bool addEntry(const LaserficheEntry &entry);
    const LaserficheEntry *entry(qint32 id) const;
    LaserficheEntry *entry(qint32 id);
    /// The entries directly in folder `id`, in insertion order.
    QList<const LaserficheEntry *> children(qint32 id) const;
    qsizetype entryCount() const { return qsizetype(m_entries.size()); }
    /// "\", "\Customers", "\Customers\Lumen Labs", ...
    QString fullPath(qint32 id) const;
    /// The path of the entry's parent folder; empty for the root.
    QString folderPath(qint32 id) const;

    void addTemplate(const LaserficheTemplate &entryTemplate);
    const LaserficheTemplate *entryTemplate(qint32 id) const;

    void addLinkDefinition(const LaserficheLinkDefinition &definition);
    const LaserficheLinkDefinition *linkDefinition(qint32 id) const;
    const std::map<qint32, LaserficheLinkDefinition> &linkDefinitions() const
    {
        return m_definitions;
    }

    /// Adds a link (a new id); false if either entry or the definition is unknown, or the
    /// key is taken.
    bool addLink(qint32 definitionId, qint32 sourceId, qint32 targetId,
                 const QMap<QString, QString> &properties = {});
    /// The links of `entryId` (as source or target), in id order.
    QList<const LaserficheLink *> linksOf(qint32 entryId) const;
    qsizetype linkCount() const { return qsizetype(m_links.size()); }

    /// What setLinks() would change: the other entries of the links it adds or removes.
    QList<qint32> entriesTouchedBySetLinks(qint32 entryId,
                                           const QList<LaserficheLinkSpec> &links) const;
    /// Replaces every link of `entryId` by `links` (already validated: entries and definitions
    /// exist, no duplicate keys). A link whose key is kept keeps its id; its custom properties
    /// become the ones sent. Entries' lastModifiedTime does not change.
    void setLinks(qint32 entryId, const QList<LaserficheLinkSpec> &links);

    /// The whole world as JSON and back; fromJson() leaves the world unchanged and returns
    /// false (with *error) for anything malformed or inconsistent.
    QJsonObject toJson() const;
    bool fromJson(const QJsonObject &json, QString *error);

private:
    struct LinkKey
    {
        qint32 definitionId;
        qint32 sourceId;
        qint32 targetId;
        auto operator<=>(const LinkKey &) const = default;
    };
    static LinkKey keyOf(qint32 entryId, const LaserficheLinkSpec &spec);
    void insertLink(const LaserficheLink &link);
    void removeLink(qint32 linkId);

    std::map<qint32, LaserficheEntry> m_entries;
    QHash<qint32, QList<qint32>> m_children;
    std::map<qint32, LaserficheTemplate> m_templates;
    std::map<qint32, LaserficheLinkDefinition> m_definitions;
    std::map<qint32, LaserficheLink> m_links;
    std::map<LinkKey, qint32> m_linkByKey;
    QHash<qint32, QList<qint32>> m_linksByEntry; ///< unordered; linksOf() sorts
    qint32 m_nextLinkId = 1;
};
