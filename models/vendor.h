#pragma once

#include <QString>
#include <QStringView>

#include <optional>

/// The systems Linkloom speaks to. The numeric values are stored in workspace files: append only.
enum class Vendor : quint8 {
    Copper = 0,
    DevRev = 1,
    Pm415 = 2,
    Laserfiche = 3,
};

/// Stable, lower-case identifier used in workspace files, MIME data and the command line
/// ("copper", "devrev", "pm415", "laserfiche").
QString vendorId(Vendor vendor);
/// The inverse of vendorId(); std::nullopt for anything else.
std::optional<Vendor> vendorFromId(QStringView id);
/// The vendor's product name as a person knows it, translated ("Copper CRM", ...).
QString vendorDisplayName(Vendor vendor);
/// The address of the vendor's public API, where a new account starts
/// ("https://api.copper.com/developer_api/v1", ...).
QString vendorDefaultBaseUrl(Vendor vendor);
/// Every vendor, in the order menus list them.
inline constexpr Vendor AllVendors[]
    = {Vendor::Copper, Vendor::DevRev, Vendor::Pm415, Vendor::Laserfiche};
