import type { ReactNode } from 'react';
import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import { Layout as RaLayout, Menu } from 'react-admin';

const AppMenu = () => (
  <Menu>
    <Menu.DashboardItem />
    <Menu.ResourceItems />
    <Menu.Item to="/status" primaryText="ikou.menu.status" leftIcon={<MonitorHeartIcon />} />
  </Menu>
);

export const Layout = ({ children }: { children: ReactNode }) => <RaLayout menu={AppMenu}>{children}</RaLayout>;
