/* todoke-mta-transcript-private.h: Sendmail-style session transcripts
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "todoke-mta-private.h"

G_BEGIN_DECLS

/* What a Sendmail-style report says about one recipient. */
typedef struct
{
  char          *address;    /* lower-case; NULL for "host (smtp)... text" */
  char          *written;    /* "(expanded from: <…>)": the address the user wrote */
  GString       *local;      /* the MTA's and local mailers' lines */
  char          *reason;     /* "(reason: …)" or "addr [reason]" */
  GString       *remote;     /* the server's "<<<" reply lines */
  GString       *trailing;   /* summary lines after the last verdict */
  char          *host;       /* "while talking to …" */
  TodokeCommand  command;    /* the ">>>" command the reply answered */
  gboolean       delayed;    /* listed as a transient error */
  gboolean       delivered;  /* listed under "had successful delivery notifications" */
  gboolean       spoke;      /* the transcript has a verdict line for it */
} TodokeTranscriptEntry;

GPtrArray *_todoke_transcript_read        (const char                  *report);
void       _todoke_transcript_entry_apply (const TodokeTranscriptEntry *entry,
                                           TodokeRecord                *record,
                                           const char                  *summary);

G_END_DECLS
