/* todoke-recipient-private.h: the address the user wrote, unwrapped
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *_todoke_recipient_unwrap (const char *address);

G_END_DECLS
