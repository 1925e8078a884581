// @ts-check
'use strict';

/** Side B: a raw axios cursor loop, as DevRev's SDK helpers walk a list. */
const axios = require('axios');
const { MAX_LIMIT } = require('./walks');

require('./child').main((job) => {
	const api = axios.create({
		baseURL: job.url,
		headers: {
			Authorization: `Bearer ${job.token}`,
			Accept: 'application/json',
			'Content-Type': 'application/json',
		},
	});
	return async (walk) => {
		/** @type {Record<string, any>[]} */
		const items = [];
		/** @type {string | undefined} */
		let cursor;
		do {
			/** @type {Record<string, unknown>} */
			const body = {};
			if (cursor) body.cursor = cursor;
			if (walk.acceptsLimit) body.limit = Math.min(walk.limit - items.length, MAX_LIMIT);
			const { data } = await api.post(walk.path, body);
			for (const entry of data[walk.list]) {
				if (items.length === walk.limit) break;
				items.push(entry);
			}
			cursor = data.next_cursor || undefined;
		} while (cursor && items.length < walk.limit);
		return items;
	};
});
