#pragma once

class AccountManager;
class LinkRepository;
class SandboxServer;

/// The demo accounts of the built-in sandbox (Copper, DevRev, pm415, Laserfiche), with its
/// published demo credentials (kept in memory, never in the keychain; Laserfiche's demo user is
/// signed in already). Their address follows the sandbox's
/// port; a name the user gave one is kept. Used by the app and by linkloom-screenshots.
void addDemoAccounts(AccountManager &accounts, const LinkRepository &repository,
                     SandboxServer &sandbox);
