export * from '@genova/sessions-native-wasm32-wasi'
