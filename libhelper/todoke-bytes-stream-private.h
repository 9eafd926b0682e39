/* todoke-bytes-stream-private.h: a read-only GMimeStream over GBytes
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gmime/gmime.h>

G_BEGIN_DECLS

/* GMime 3.2 declares no autoptr cleanups of its own. */
#ifndef TODOKE_GMIME_AUTOPTR
#define TODOKE_GMIME_AUTOPTR
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
#endif

#define TODOKE_TYPE_BYTES_STREAM (_todoke_bytes_stream_get_type ())

G_DECLARE_FINAL_TYPE (TodokeBytesStream, _todoke_bytes_stream, TODOKE, BYTES_STREAM, GMimeStream)

GMimeStream *_todoke_bytes_stream_new (GBytes *bytes,
                                       gint64  start,
                                       gint64  end);
const char  *_todoke_bytes_stream_peek (GMimeStream *stream,
                                        gsize       *length);

G_END_DECLS
