/**
 * The legacy server's v4 API as Open mSupply sites call it (msupply-sync-v5.md §1.11): site credentials without the
 * sync headers, answers and errors in their v4 shapes.
 */
package org.supplysync.web.v4;
