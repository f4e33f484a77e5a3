#include "models/recordkey.h"

#include <QUrl>

#include <tuple>

using namespace Qt::StringLiterals;

namespace {

QString encodePart(const QString &part)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(part));
}

} // namespace

bool RecordKey::isValid() const
{
    return !account.isEmpty() && !type.isEmpty() && !id.isEmpty();
}

QString RecordKey::toString() const
{
    return vendorId(vendor) + u':' + encodePart(account) + u':' + encodePart(type) + u':'
        + encodePart(id);
}

std::optional<RecordKey> RecordKey::fromString(QStringView text)
{
    const auto parts = text.split(u':');
    if (parts.size() != 4)
        return std::nullopt;
    const auto vendor = vendorFromId(parts.at(0));
    if (!vendor)
        return std::nullopt;
    RecordKey key;
    key.vendor = *vendor;
    key.account = QUrl::fromPercentEncoding(parts.at(1).toUtf8());
    key.type = QUrl::fromPercentEncoding(parts.at(2).toUtf8());
    key.id = QUrl::fromPercentEncoding(parts.at(3).toUtf8());
    if (!key.isValid())
        return std::nullopt;
    return key;
}

bool operator<(const RecordKey &a, const RecordKey &b)
{
    return std::tie(a.vendor, a.account, a.type, a.id)
        < std::tie(b.vendor, b.account, b.type, b.id);
}

size_t qHash(const RecordKey &key, size_t seed) noexcept
{
    return qHashMulti(seed, static_cast<quint8>(key.vendor), key.account, key.type, key.id);
}
