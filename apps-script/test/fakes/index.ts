export * from './world';
export * from './spreadsheet';
export * from './services';
export * from './calendar';
