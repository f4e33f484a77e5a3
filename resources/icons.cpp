#include "resources/icons.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace Icons {

namespace {
QIcon load(const QString &name)
{
    return QIcon(u":/linkloom/icons/"_s + name + u".svg"_s);
}
} // namespace

QIcon application()
{
    static const QIcon icon = load(u"linkloom"_s);
    return icon;
}

QIcon vendor(Vendor vendor)
{
    static QHash<Vendor, QIcon> cache;
    auto it = cache.find(vendor);
    if (it == cache.end())
        it = cache.insert(vendor, load(u"vendor-"_s + vendorId(vendor)));
    return *it;
}

QIcon recordType()
{
    static const QIcon icon = load(u"record-type"_s);
    return icon;
}

QIcon showSecret()
{
    static const QIcon icon = load(u"show-secret"_s);
    return icon;
}

QIcon record()
{
    static const QIcon icon = load(u"record"_s);
    return icon;
}

QIcon link()
{
    static const QIcon icon = load(u"link"_s);
    return icon;
}

} // namespace Icons
