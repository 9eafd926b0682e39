/* todoke-mta-providers-private.h: readers for the reports of big mail
 * providers, mailing services and Japanese carriers
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "todoke-mta-private.h"

G_BEGIN_DECLS

gboolean _todoke_mta_read_google    (TodokeMessage *message,
                                     TodokeRecords *records);
gboolean _todoke_mta_read_amazonses (TodokeMessage *message,
                                     TodokeRecords *records);
gboolean _todoke_mta_read_exchange  (TodokeMessage *message,
                                     TodokeRecords *records);
gboolean _todoke_mta_read_yahoo     (TodokeMessage *message,
                                     TodokeRecords *records);
gboolean _todoke_mta_read_mimecast  (TodokeMessage *message,
                                     TodokeRecords *records);
gboolean _todoke_mta_read_ezweb     (TodokeMessage *message,
                                     TodokeRecords *records);
gboolean _todoke_mta_read_kddi      (TodokeMessage *message,
                                     TodokeRecords *records);
gboolean _todoke_mta_read_biglobe   (TodokeMessage *message,
                                     TodokeRecords *records);
gboolean _todoke_mta_read_smtpsvc   (TodokeMessage *message,
                                     TodokeRecords *records);

G_END_DECLS
