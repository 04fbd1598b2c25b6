import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EquipmentModel, ServiceKind, ServiceProduct } from './catalogue.entity.js';

const SERVICES: [string, string, ServiceKind, number, number][] = [
  ['MOB-5G-100', 'Mobiililiittymä 5G 100 Mbit/s', ServiceKind.MOBILE, 2490, 0],
  ['MOB-5G-600', 'Mobiililiittymä 5G 600 Mbit/s', ServiceKind.MOBILE, 3490, 0],
  ['MOB-4G-BASIC', 'Perusliittymä 4G', ServiceKind.MOBILE, 1290, 0],
  ['MOB-DATA-1000', 'Mobiilidata 5G 1000 Mbit/s', ServiceKind.MOBILE, 3990, 0],
  ['BB-FIBER-300', 'Kuitulaajakaista 300 Mbit/s', ServiceKind.BROADBAND, 3990, 4900],
  ['BB-FIBER-1000', 'Kuitulaajakaista 1 Gbit/s', ServiceKind.BROADBAND, 5490, 4900],
  ['BB-CABLE-200', 'Kaapelilaajakaista 200 Mbit/s', ServiceKind.BROADBAND, 2990, 0],
  ['FIX-BUSINESS', 'Yritysnumero ja vaihde', ServiceKind.FIXED_LINE, 1990, 9900],
  ['TV-BASIC', 'TV-peruspaketti', ServiceKind.TV, 1490, 0],
  ['SEC-SAFE', 'Tietoturvapaketti', ServiceKind.SECURITY, 490, 0],
];

const EQUIPMENT: [string, string, string, number][] = [
  ['RTR-AX3000', 'Zyxel', 'AX3000 Wi-Fi 6 -reititin', 14900],
  ['RTR-5G-CPE', 'Huawei', '5G CPE Pro 3', 29900],
  ['PHN-GALAXY-S', 'Samsung', 'Galaxy S25', 89900],
  ['PHN-IPHONE', 'Apple', 'iPhone 17', 99900],
  ['STB-4K', 'Telia', '4K TV-boksi', 9900],
];

/** The demo catalogue: Finnish telecom services and equipment with realistic prices. */
export async function seedCatalogue(em: EntityManager) {
  const services = SERVICES.map(([code, name, kind, monthlyPriceCents, oneOffPriceCents]) =>
    em.create(ServiceProduct, { id: randomUUID(), code, name, kind, monthlyPriceCents, oneOffPriceCents }),
  );
  const equipment = EQUIPMENT.map(([sku, manufacturer, model, priceCents]) =>
    em.create(EquipmentModel, { id: randomUUID(), sku, manufacturer, model, priceCents }),
  );
  await em.flush();
  return { services, equipment };
}
