#include "models/vendor.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

QString vendorId(Vendor vendor)
{
    switch (vendor) {
    case Vendor::Copper:
        return u"copper"_s;
    case Vendor::DevRev:
        return u"devrev"_s;
    case Vendor::Pm415:
        return u"pm415"_s;
    case Vendor::Laserfiche:
        return u"laserfiche"_s;
    }
    return {};
}

std::optional<Vendor> vendorFromId(QStringView id)
{
    for (Vendor v : AllVendors) {
        if (id == vendorId(v))
            return v;
    }
    return std::nullopt;
}

QString vendorDisplayName(Vendor vendor)
{
    switch (vendor) {
    case Vendor::Copper:
        return QCoreApplication::translate("Vendor", "Copper CRM");
    case Vendor::DevRev:
        return QCoreApplication::translate("Vendor", "DevRev");
    case Vendor::Pm415:
        return QCoreApplication::translate("Vendor", "pm415");
    case Vendor::Laserfiche:
        return QCoreApplication::translate("Vendor", "Laserfiche");
    }
    return {};
}

QString vendorDefaultBaseUrl(Vendor vendor)
{
    switch (vendor) {
    case Vendor::Copper:
        return u"https://api.copper.com/developer_api/v1"_s;
    case Vendor::DevRev:
        return u"https://api.devrev.ai"_s;
    case Vendor::Pm415:
        return u"https://pm415.com/api"_s;
    case Vendor::Laserfiche:
        return u"https://api.laserfiche.com/repository"_s;
    }
    return {};
}
